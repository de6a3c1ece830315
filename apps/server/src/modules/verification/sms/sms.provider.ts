import type { VerificationPurpose } from '@onehall/contracts';

/** One verification code to deliver. */
export interface SmsCodeMessage {
  /** 11-digit mainland mobile number. */
  phone: string;
  purpose: VerificationPurpose;
  code: string;
  expiresInMinutes: number;
  /** The hall's id of the code, handed to providers that echo one back (OutId, SessionContext). */
  reference: string;
}

export interface SmsProvider {
  readonly name: 'log' | 'aliyun' | 'tencent';
  /** Resolves when the provider accepted the message; throws SmsSendError otherwise. */
  sendCode(message: SmsCodeMessage): Promise<{ messageId: string | null }>;
}

/**
 * Why a message was not sent, as far as the job worker cares:
 * `recipient` (a bad or blocked number) and `configuration` (credentials,
 * sign name, template, quota) never improve by retrying; `throttled` and
 * `unavailable` (network, timeouts, the vendor's 5xx) may.
 */
export type SmsFailureKind = 'recipient' | 'configuration' | 'throttled' | 'unavailable';

/**
 * A refusal by the provider. The message names the provider and the vendor's
 * error code only: vendors' messages may quote the request, code included
 * (Aliyun's SignatureDoesNotMatch returns the whole string it signed).
 */
export class SmsSendError extends Error {
  readonly vendorCode: string;
  readonly kind: SmsFailureKind;

  constructor(provider: string, vendorCode: string, kind: SmsFailureKind) {
    super(`${provider} SMS not sent: ${vendorCode} (${kind})`);
    this.name = 'SmsSendError';
    this.vendorCode = vendorCode;
    this.kind = kind;
  }

  get isRetryable(): boolean {
    return this.kind === 'throttled' || this.kind === 'unavailable';
  }
}
