import { sql } from 'kysely';
import type { VerificationPurpose } from '@onehall/contracts';
import type { Executor } from '../../platform/db.ts';

/** SQL of the verification module: SMS codes and the hall's daily SMS count. */

/** What a code is bound to: one purpose, one phone, one session. */
export interface CodeKey {
  sessionId: string;
  purpose: VerificationPurpose;
  phone: string;
}

/**
 * Serialises sends to one phone number until the transaction ends, so two
 * requests at once cannot both pass the per-phone limits.
 */
export async function lockPhone(tx: Executor, phone: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`verification-phone:${phone}`}, 0))`.execute(tx);
}

/** When codes were sent lately: to the phone, by the account, from the IP; newest first, at most `depth` of each. */
export async function findRecentSends(
  tx: Executor,
  where: { phone: string; accountId: string; ip: string | null; since: Date },
  depth: { phone: number; account: number; ip: number },
): Promise<{ phone: Date[]; account: Date[]; ip: Date[] }> {
  const recent = (column: 'phone' | 'account_id' | 'ip', value: string, limit: number) =>
    tx.selectFrom('verification_code').select('created_at').where(column, '=', value).where('created_at', '>', where.since).orderBy('created_at', 'desc').limit(limit).execute();
  // One after the other: a transaction is one connection.
  const phone = await recent('phone', where.phone, depth.phone);
  const account = await recent('account_id', where.accountId, depth.account);
  const ip = where.ip ? await recent('ip', where.ip, depth.ip) : [];
  const times = (rows: { created_at: Date }[]) => rows.map((row) => row.created_at);
  return { phone: times(phone), account: times(account), ip: times(ip) };
}

/**
 * Counts one more SMS for the day unless the budget is spent. One statement,
 * so concurrent sends can never pass the budget. Returns false when spent.
 */
export async function countDailySms(tx: Executor, day: string, budget: number): Promise<boolean> {
  const row = await tx
    .insertInto('sms_daily_count')
    .values({ day, sent: 1 })
    .onConflict((oc) => oc.column('day').doUpdateSet({ sent: sql<number>`sms_daily_count.sent + 1` }).where('sms_daily_count.sent', '<', budget))
    .returning('sent')
    .executeTakeFirst();
  return row !== undefined;
}

/** Retires the live codes of this key (a resend replaces them); returns their ids. */
export async function replaceLiveCodes(tx: Executor, key: CodeKey): Promise<string[]> {
  const rows = await tx
    .updateTable('verification_code')
    .set({ status: 'replaced' })
    .where('session_id', '=', key.sessionId)
    .where('purpose', '=', key.purpose)
    .where('phone', '=', key.phone)
    .where('status', 'in', ['pending', 'verified'])
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

export async function insertCode(
  tx: Executor,
  row: CodeKey & { accountId: string; ip: string | null; salt: string; hash: string; createdAt: Date; expiresAt: Date },
): Promise<string> {
  const inserted = await tx
    .insertInto('verification_code')
    .values({
      purpose: row.purpose,
      phone: row.phone,
      session_id: row.sessionId,
      account_id: row.accountId,
      ip: row.ip,
      code_salt: row.salt,
      code_hash: row.hash,
      created_at: row.createdAt,
      expires_at: row.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** The newest code of this key, locked for the caller's transaction. */
export function findLatestCodeForUpdate(tx: Executor, key: CodeKey) {
  return tx
    .selectFrom('verification_code')
    .selectAll()
    .where('session_id', '=', key.sessionId)
    .where('purpose', '=', key.purpose)
    .where('phone', '=', key.phone)
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

export async function markVerified(tx: Executor, codeId: string, at: Date): Promise<void> {
  await tx.updateTable('verification_code').set({ status: 'verified', verified_at: at }).where('id', '=', codeId).execute();
}

/** Counts a wrong code; the last allowed one kills the code. */
export async function recordWrongAttempt(tx: Executor, codeId: string, failedAttempts: number, dead: boolean): Promise<void> {
  await tx
    .updateTable('verification_code')
    .set({ failed_attempts: failedAttempts, ...(dead ? { status: 'dead' as const } : {}) })
    .where('id', '=', codeId)
    .execute();
}

/**
 * Uses up the key's verified code if it was verified after `since`. The
 * status test in the UPDATE makes it single-use even for two callers at once:
 * the second finds the row already consumed. Returns whether one was used.
 */
export async function consumeVerified(executor: Executor, key: CodeKey, since: Date, at: Date): Promise<boolean> {
  const rows = await executor
    .updateTable('verification_code')
    .set({ status: 'consumed', consumed_at: at })
    .where('session_id', '=', key.sessionId)
    .where('purpose', '=', key.purpose)
    .where('phone', '=', key.phone)
    .where('status', '=', 'verified')
    .where('verified_at', '>', since)
    .returning('id')
    .execute();
  return rows.length > 0;
}

// ── delivery (the sms.send job) ──

export function findCodeForDelivery(executor: Executor, codeId: string) {
  return executor
    .selectFrom('verification_code')
    .select(['id', 'purpose', 'phone', 'status', 'delivery_status', 'expires_at'])
    .where('id', '=', codeId)
    .executeTakeFirst();
}

export async function markDelivered(executor: Executor, codeId: string, providerMessageId: string | null): Promise<void> {
  await executor.updateTable('verification_code').set({ delivery_status: 'sent', provider_message_id: providerMessageId }).where('id', '=', codeId).execute();
}

export async function markDeliveryFailed(executor: Executor, codeId: string, vendorCode: string): Promise<void> {
  await executor.updateTable('verification_code').set({ delivery_status: 'failed', delivery_error: vendorCode.slice(0, 100) }).where('id', '=', codeId).execute();
}

/** Drops the code from a send job's payload (what remains: which code row it was for). */
export async function removeCodeFromJob(executor: Executor, jobId: string): Promise<void> {
  await sql`update job set payload = payload - 'code' where id = ${jobId} and payload ? 'code'`.execute(executor);
}

/** Drops the codes of not-yet-run send jobs for these code rows (they were replaced). */
export async function removeCodeFromQueuedJobs(executor: Executor, kind: string, codeIds: readonly string[]): Promise<void> {
  if (codeIds.length === 0) return;
  await sql`update job set payload = payload - 'code'
             where kind = ${kind} and status = 'pending' and payload ? 'code'
               and payload->>'codeId' in (${sql.join(codeIds)})`.execute(executor);
}
