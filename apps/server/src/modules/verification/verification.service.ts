import { mask, verificationRules, type CheckSmsCodeBody, type CheckSmsCodeDto, type ErrorCode, type SendSmsCodeBody, type SendSmsCodeDto, type VerificationPurpose } from '@onehall/contracts';
import { todayInShanghai } from '@onehall/forms';
import type { Config } from '../../platform/config.ts';
import type { Db, Executor } from '../../platform/db.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import { enqueueJobs } from '../../platform/jobs.ts';
import type { AuditService, RequestOrigin } from '../audit/audit.service.ts';
import type { Auth } from '../identity/identity.service.ts';
import { codeMatches, generateCode, hashNewCode } from './verification.code.ts';
import { DAY_MS, MINUTE_MS, findSendRefusal, historyDepth, type SendLimits, type SendRefusal } from './verification.limits.ts';
import * as repo from './verification.repository.ts';

/** The job that hands a code to the SMS provider (verification.delivery.ts). */
export const SMS_SEND_JOB = 'sms.send';

/**
 * What the sms.send job carries. The code has to travel with it (the code
 * table holds only a hash); it is removed from the payload as soon as the
 * job is settled, and never logged. See verification.delivery.ts.
 */
export interface SmsSendPayload {
  codeId: string;
  code?: string;
}

const shanghaiClock = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });

/** "12:41" today or "明天 08:05", rounded up to the minute so it is never too early. */
function describeRetryAt(retryAt: Date, now: Date): string {
  const rounded = new Date(Math.ceil(retryAt.getTime() / MINUTE_MS) * MINUTE_MS);
  const day = todayInShanghai(rounded) === todayInShanghai(now) ? '' : '明天 ';
  return `${day}${shanghaiClock.format(rounded)}`;
}

function refusalError(refusal: SendRefusal, now: Date): AppError {
  const details = { retryAt: refusal.retryAt.toISOString() };
  if (refusal.code === 'SMS_SEND_TOO_SOON') {
    const seconds = Math.ceil((refusal.retryAt.getTime() - now.getTime()) / 1000);
    return new AppError('SMS_SEND_TOO_SOON', details, `验证码已发送，请 ${seconds} 秒后再获取`);
  }
  const who: Record<Exclude<SendRefusal['code'], 'SMS_SEND_TOO_SOON'>, string> = {
    SMS_PHONE_LIMIT: '该手机号获取验证码次数过多',
    SMS_ACCOUNT_LIMIT: '您获取验证码次数过多',
    SMS_IP_LIMIT: '当前网络获取验证码次数过多',
  };
  return new AppError(refusal.code, details, `${who[refusal.code]}，请于 ${describeRetryAt(refusal.retryAt, now)} 后再试`);
}

/** The next midnight in Asia/Shanghai: when the daily budget starts again. */
function nextShanghaiMidnight(now: Date): Date {
  return new Date(new Date(`${todayInShanghai(now)}T00:00:00+08:00`).getTime() + DAY_MS);
}

export type VerificationService = ReturnType<typeof createVerificationService>;

/**
 * SMS verification codes: send one to a phone for a purpose, check it, and
 * let the flow that asked use a successful check once. A code is bound to
 * (purpose, phone, session), lives five minutes, allows five wrong tries.
 */
export function createVerificationService(deps: { db: Db; config: Config; audit: AuditService; now?: () => Date }) {
  const { audit } = deps;
  const { db, config } = deps;
  const now = deps.now ?? (() => new Date());
  const limits: SendLimits = {
    phonePerMinute: verificationRules.perPhone.minute,
    phonePerHour: verificationRules.perPhone.hour,
    phonePerDay: verificationRules.perPhone.day,
    accountPerDay: config.SMS_ACCOUNT_DAILY_LIMIT,
    ipPerHour: config.SMS_IP_HOURLY_LIMIT,
  };
  const depth = historyDepth(limits);
  // The same for every phone number: the answer may not tell whether a number is anyone's.
  // A new code may be asked for when the per-phone minute window has room again.
  const sent: SendSmsCodeDto = { resendAfterSeconds: MINUTE_MS / 1000, expiresInSeconds: verificationRules.expiresInSeconds };

  return {
    /**
     * Sends a code: one transaction writes the code's hash and the sms.send
     * job, so the code exists exactly when its message will go. Nothing here
     * reads the directory and the provider is called later by the worker, so
     * the answer and its timing are the same whoever the number belongs to.
     */
    async sendCode(auth: Auth, input: SendSmsCodeBody, origin: RequestOrigin): Promise<SendSmsCodeDto> {
      const at = now();
      const ip = origin.ip;
      const key: repo.CodeKey = { sessionId: auth.sessionId, purpose: input.purpose, phone: input.phone };
      // The audit log names the phone masked: it records that a code went, never which.
      const entry = (outcome: string) => ({ action: 'codeSent' as const, outcome, actorPersonId: auth.personId, actorLabel: auth.accountNo, target: mask.phone(input.phone), origin, detail: { purpose: input.purpose } });
      await db.transaction().execute(async (tx) => {
        await repo.lockPhone(tx, input.phone);
        const history = await repo.findRecentSends(tx, { phone: input.phone, accountId: auth.accountId, ip, since: new Date(at.getTime() - DAY_MS) }, depth);
        const refusal = findSendRefusal(history, at, limits);
        if (refusal) throw refusalError(refusal, at);
        // Last, so a refused request does not spend the budget.
        if (!(await repo.countDailySms(tx, todayInShanghai(at), config.SMS_DAILY_BUDGET))) {
          throw new AppError('SMS_DAILY_BUDGET_EXHAUSTED', { retryAt: nextShanghaiMidnight(at).toISOString() });
        }
        const replaced = await repo.replaceLiveCodes(tx, key);
        await repo.removeCodeFromQueuedJobs(tx, SMS_SEND_JOB, replaced);
        const code = generateCode();
        const { salt, hash } = hashNewCode(code);
        const codeId = await repo.insertCode(tx, { ...key, accountId: auth.accountId, ip, salt, hash, createdAt: at, expiresAt: new Date(at.getTime() + verificationRules.expiresInSeconds * 1000) });
        const payload: SmsSendPayload = { codeId, code };
        await enqueueJobs(tx, [{ kind: SMS_SEND_JOB, payload: { ...payload } }]);
        await audit.record(tx, entry('ok'));
      }).catch(async (error: unknown) => {
        if (isAppError(error)) await audit.record(db, entry(error.code));
        throw error;
      });
      return { ...sent };
    },

    /**
     * Checks a code of the caller's session. A wrong code counts (the count is
     * committed even though the request fails); the fifth wrong one kills the
     * code. A right one marks it verified: once, and only the newest code.
     */
    async checkCode(auth: Auth, input: CheckSmsCodeBody, origin: RequestOrigin): Promise<CheckSmsCodeDto> {
      const at = now();
      const key: repo.CodeKey = { sessionId: auth.sessionId, purpose: input.purpose, phone: input.phone };
      let recorded = false;
      const record = (executor: Executor, outcome: string) => {
        recorded = true;
        return audit.record(executor, { action: 'codeChecked', outcome, actorPersonId: auth.personId, actorLabel: auth.accountNo, target: mask.phone(input.phone), origin, detail: { purpose: input.purpose } });
      };
      // The transaction decides and records; the refusal is thrown after it commits.
      const refusal = await db.transaction().execute(async (tx): Promise<AppError | null> => {
        const row = await repo.findLatestCodeForUpdate(tx, key);
        const refuse = (code: ErrorCode, details: Record<string, unknown> = {}, message?: string) => new AppError(code, details, message);
        if (!row || row.status === 'replaced') return refuse('VERIFICATION_CODE_NOT_FOUND');
        if (row.status === 'verified' || row.status === 'consumed') return refuse('VERIFICATION_CODE_USED');
        if (row.status === 'dead') return refuse('VERIFICATION_TOO_MANY_ATTEMPTS', { attemptsLeft: 0 });
        if (row.expires_at <= at) return refuse('VERIFICATION_CODE_EXPIRED');
        if (row.delivery_status === 'failed') return refuse('SMS_DELIVERY_FAILED');
        if (codeMatches(input.code, { salt: row.code_salt, hash: row.code_hash })) {
          await repo.markVerified(tx, row.id, at);
          await record(tx, 'ok');
          return null;
        }
        const failed = row.failed_attempts + 1;
        const attemptsLeft = Math.max(0, verificationRules.maxWrongAttempts - failed);
        await repo.recordWrongAttempt(tx, row.id, failed, attemptsLeft === 0);
        await record(tx, attemptsLeft === 0 ? 'VERIFICATION_TOO_MANY_ATTEMPTS' : 'VERIFICATION_CODE_WRONG');
        if (attemptsLeft === 0) return refuse('VERIFICATION_TOO_MANY_ATTEMPTS', { attemptsLeft: 0 });
        return refuse('VERIFICATION_CODE_WRONG', { attemptsLeft }, `验证码不正确，还可以再试 ${attemptsLeft} 次`);
      });
      if (refusal) {
        // Refusals decided before any change (no code, used, expired…) are recorded on their own.
        if (!recorded) await record(db, refusal.code);
        throw refusal;
      }
      return { verified: true };
    },

    /**
     * For the flow that asked for the code (binding a phone): succeeds once,
     * within ten minutes of a successful check in the same session, for the
     * same purpose and phone; throws PHONE_NOT_VERIFIED otherwise. Pass the
     * flow's transaction so the phone is used up only if its change commits.
     */
    async consumeVerifiedPhone(input: { sessionId: string; purpose: VerificationPurpose; phone: string }, executor: Executor = db): Promise<void> {
      const at = now();
      const since = new Date(at.getTime() - verificationRules.verifiedForSeconds * 1000);
      if (!(await repo.consumeVerified(executor, input, since, at))) throw new AppError('PHONE_NOT_VERIFIED');
    },
  };
}
