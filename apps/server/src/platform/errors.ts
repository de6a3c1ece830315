import { errorCodes, type ErrorCode } from '@onehall/contracts';

/**
 * The one error type of the hall. A service throws it with a documented code
 * (packages/contracts errors.ts); the error handler turns it into a response
 * with the code's HTTP status and Chinese message.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, details: Record<string, unknown> = {}, message?: string) {
    super(message ?? errorCodes[code].zh);
    this.name = 'AppError';
    this.code = code;
    this.status = errorCodes[code].status;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
