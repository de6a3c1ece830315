import type { FastifyError, FastifyInstance } from 'fastify';
import { errorCodes, type ErrorBody, type ErrorCode } from '@onehall/contracts';
import { isAppError } from './errors.ts';

/** Only these details of an AppError reach the client; the rest stays in the log. */
const PUBLIC_DETAILS = ['fields', 'lockedUntil', 'attemptsLeft', 'retryAt'] as const;

function body(code: ErrorCode, message: string, requestId: string, extra: Record<string, unknown> = {}): ErrorBody {
  const error: ErrorBody['error'] = { code, message, requestId };
  for (const key of PUBLIC_DETAILS) if (extra[key] !== undefined) Object.assign(error, { [key]: extra[key] });
  return { error };
}

/** Maps Fastify's own client errors (bad JSON, schema failures, size) to our codes. */
function codeForClientError(error: FastifyError): ErrorCode {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'PAYLOAD_TOO_LARGE';
  if (error.statusCode === 404) return 'NOT_FOUND';
  if (error.statusCode === 429) return 'RATE_LIMITED';
  return 'VALIDATION_FAILED';
}

/**
 * The one error handler: every error leaves as `{ error: { code, message,
 * requestId } }` with the code's status. 5xx details are logged, never sent.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      return reply.status(error.status).send(body(error.code, error.message, request.id, error.details));
    }
    if (error.validation) {
      const fields = error.validation.map((issue) => ({
        key: (issue.instancePath || '').replace(/^\//, '').replace(/\//g, '.') || String((issue.params as { missingProperty?: string })?.missingProperty ?? ''),
        code: issue.keyword,
        message: issue.message ?? '格式不正确',
      }));
      return reply.status(400).send(body('VALIDATION_FAILED', errorCodes.VALIDATION_FAILED.zh, request.id, { fields }));
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      const code = codeForClientError(error);
      return reply.status(errorCodes[code].status).send(body(code, errorCodes[code].zh, request.id));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL', errorCodes.INTERNAL.zh, request.id));
  });
}
