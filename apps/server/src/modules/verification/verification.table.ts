import type { ColumnType, Generated, Selectable } from 'kysely';
import type { VerificationPurpose } from '@onehall/contracts';

/**
 * Where a code stands. `replaced`: a newer code was sent for the same
 * purpose, phone and session. `dead`: too many wrong attempts.
 */
export type VerificationCodeStatus = 'pending' | 'verified' | 'consumed' | 'replaced' | 'dead';
/** What the SMS provider made of the message (filled in by the job). */
export type SmsDeliveryStatus = 'queued' | 'sent' | 'failed';

/**
 * One code sent by SMS. The code itself is never stored: only a salted
 * SHA-256 of it. Rows stay after use: the send limits count them.
 */
export interface VerificationCodeTable {
  id: Generated<string>;
  purpose: VerificationPurpose;
  phone: string;
  /** The session that asked; only it may check the code. */
  session_id: string;
  account_id: string;
  ip: string | null;
  code_salt: string;
  code_hash: string;
  failed_attempts: Generated<number>;
  status: Generated<VerificationCodeStatus>;
  delivery_status: Generated<SmsDeliveryStatus>;
  /** The provider's error code when delivery failed (never its message: it may quote the code). */
  delivery_error: string | null;
  provider_message_id: string | null;
  created_at: ColumnType<Date, Date, never>;
  expires_at: ColumnType<Date, Date, never>;
  verified_at: Date | null;
  consumed_at: Date | null;
}

/** SMS codes sent per day (Asia/Shanghai), for the hall's daily budget. */
export interface SmsDailyCountTable {
  day: string;
  sent: number;
}

export interface VerificationTables {
  verification_code: VerificationCodeTable;
  sms_daily_count: SmsDailyCountTable;
}

export type VerificationCodeRow = Selectable<VerificationCodeTable>;
