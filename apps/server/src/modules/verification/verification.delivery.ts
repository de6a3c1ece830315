import { mask, verificationRules } from '@onehall/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../platform/db.ts';
import { retryDelaySeconds, type JobHandler } from '../../platform/jobs.ts';
import type { JobRow } from '../../platform/jobs.table.ts';
import { SmsSendError, type SmsProvider } from './sms/sms.provider.ts';
import * as repo from './verification.repository.ts';
import { SMS_SEND_JOB, type SmsSendPayload } from './verification.service.ts';

/**
 * The sms.send job: hands a code to the SMS provider.
 *
 * The code is in the job's payload, the one place it exists in clear outside
 * the message itself (and, with SMS_PROVIDER=log, the log line that stands in
 * for the message). It leaves the payload as soon as the job is settled:
 * delivered, refused for good, given up (no retry could land before the code
 * expires), or found useless (expired, replaced, already used). A resend
 * removes it from a replaced code's job that has not run yet. It is never
 * logged here, and errors carry only the vendor's error code.
 *
 * At least once: if the provider accepted a message but the worker died
 * before recording it, the job runs again and the same code is sent twice,
 * which is harmless. A refusal the worker should retry is thrown (the worker
 * backs off and runs the job again); a final one is recorded on the code row
 * (delivery_status failed, with the vendor's code) and the job ends as done.
 */
export function createVerificationJobHandlers(deps: { db: Db; sms: SmsProvider; log: FastifyBaseLogger }): Record<string, JobHandler> {
  const { db, sms, log } = deps;

  async function settle(job: JobRow, codeId: string, outcome: { messageId: string | null } | { failed: string }): Promise<void> {
    await db.transaction().execute(async (tx) => {
      if ('failed' in outcome) await repo.markDeliveryFailed(tx, codeId, outcome.failed);
      else await repo.markDelivered(tx, codeId, outcome.messageId);
      await repo.removeCodeFromJob(tx, job.id);
    });
  }

  async function deliver(job: JobRow): Promise<void> {
    const payload = job.payload as unknown as SmsSendPayload;
    if (!payload.code) return; // settled before: nothing left to send
    const row = await repo.findCodeForDelivery(db, payload.codeId);
    if (!row || row.status !== 'pending' || row.delivery_status !== 'queued' || row.expires_at.getTime() <= Date.now()) {
      await repo.removeCodeFromJob(db, job.id);
      return;
    }
    const context = { jobId: job.id, codeId: row.id, provider: sms.name, phone: mask.phone(row.phone) };
    let result: { messageId: string | null };
    try {
      result = await sms.sendCode({ phone: row.phone, purpose: row.purpose, code: payload.code, expiresInMinutes: Math.round(verificationRules.expiresInSeconds / 60), reference: row.id });
    } catch (error) {
      const refusal = error instanceof SmsSendError ? error : undefined;
      // Anything else is a bug of ours: retried like an outage, logged without the payload.
      if (!refusal) log.error({ ...context, err: error }, 'SMS delivery failed unexpectedly');
      const vendorCode = refusal?.vendorCode ?? 'UNEXPECTED';
      const retryable = refusal ? refusal.isRetryable : true;
      const nextAttemptAt = Date.now() + retryDelaySeconds(job.attempts) * 1000;
      if (retryable && job.attempts < job.max_attempts && nextAttemptAt < row.expires_at.getTime()) {
        throw new Error(`${sms.name} SMS not sent yet: ${vendorCode}`);
      }
      await settle(job, row.id, { failed: vendorCode });
      // Configuration problems need someone; a bad number is the person's to fix.
      const level = refusal?.kind === 'configuration' ? 'error' : 'warn';
      log[level]({ ...context, vendorCode, kind: refusal?.kind ?? 'unexpected', attempts: job.attempts }, 'SMS code not delivered');
      return;
    }
    await settle(job, row.id, result);
  }

  return { [SMS_SEND_JOB]: deliver };
}
