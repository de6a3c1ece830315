import { randomInt } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mask } from '@onehall/contracts';
import { todayInShanghai } from '@onehall/forms';
import { buildApp, type Hall } from '../src/app.ts';
import type { Config } from '../src/platform/config.ts';
import { runDueJobs, type JobHandler } from '../src/platform/jobs.ts';
import { sessionIdFromToken } from '../src/modules/identity/identity.service.ts';
import { createAliyunSmsProvider } from '../src/modules/verification/sms/aliyun-sms.provider.ts';
import { canonicalizedQuery, aliyunTimestamp, signAliyunRpc } from '../src/modules/verification/sms/aliyun.signature.ts';
import { createTencentSmsProvider } from '../src/modules/verification/sms/tencent-sms.provider.ts';
import { tc3Authorization } from '../src/modules/verification/sms/tencent.signature.ts';
import { SmsSendError } from '../src/modules/verification/sms/sms.provider.ts';
import { aliyunSmsEnv, startAliyunSmsFake, type AliyunSmsFake } from './fakes/aliyun-sms.fake.ts';
import { startTencentSmsFake, type TencentSmsFake } from './fakes/tencent-sms.fake.ts';
import { buildPerson, createTestHall, login, type Session, type TestHall } from './helpers.ts';

const aliyunAccount = { accessKeyId: 'LTAI-test-key-id', accessKeySecret: 'aliyun-test-secret', signName: '某某大学', templateCode: 'SMS_000000001' };
const tencentAccount = { secretId: 'AKID-test-secret-id', secretKey: 'tencent-test-secret', sdkAppId: '1400000001', signName: '某某大学', templateId: '1000001' };

let aliyun: AliyunSmsFake;
let tencent: TencentSmsFake;
let hall: TestHall;

beforeAll(async () => {
  aliyun = await startAliyunSmsFake(aliyunAccount);
  tencent = await startTencentSmsFake(tencentAccount);
  // The hall sends through Aliyun (the fake); other apps over the same database use Tencent or the log.
  hall = await createTestHall({
    ...aliyunSmsEnv(aliyunAccount, aliyun),
    TENCENT_SMS_SECRET_ID: tencentAccount.secretId,
    TENCENT_SMS_SECRET_KEY: tencentAccount.secretKey,
    TENCENT_SMS_SDK_APP_ID: tencentAccount.sdkAppId,
    TENCENT_SMS_SIGN_NAME: tencentAccount.signName,
    TENCENT_SMS_TEMPLATE_ID: tencentAccount.templateId,
    TENCENT_SMS_ENDPOINT: tencent.url,
  });
});
afterAll(async () => {
  await hall?.close();
  await aliyun?.close();
  await tencent?.close();
});

// ── helpers ──

let ipCounter = 0;
/** Each caller its own address unless a test shares one, so the per-IP limit stays out of the way. */
const freshIp = () => `10.9.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;
const freshPhone = () => `13${randomInt(0, 1e9).toString().padStart(9, '0')}`;
const wrongCode = (code: string) => String((Number(code) + 1) % 1e6).padStart(6, '0');
/**
 * Whether a log line holds the code anywhere, however quoted or encoded. Fields that are only numbers
 * of the logger's own (time, pid, port, timings, ids) are left out: a 6-digit run inside them is chance.
 */
function logHoldsCode(line: string, code: string): boolean {
  const { time: _time, pid: _pid, hostname: _hostname, reqId: _reqId, responseTime: _responseTime, ...rest } = JSON.parse(line) as Record<string, unknown>;
  const req = rest.req as { remotePort?: unknown } | undefined;
  if (req) delete req.remotePort;
  return JSON.stringify(rest).includes(code);
}

interface Caller {
  session: Session;
  personId: string;
  send(phone: string, purpose?: string): Promise<LightMyRequestResponse>;
  check(phone: string, code: string, purpose?: string): Promise<LightMyRequestResponse>;
}

async function newCaller(app: FastifyInstance = hall.app, ip: string = freshIp()): Promise<Caller> {
  const person = await buildPerson(hall.db);
  const session = await login(app, person.accountNo, person.password);
  return callerFor(app, session, person.personId, ip);
}

function callerFor(app: FastifyInstance, session: Session, personId: string, ip: string = freshIp()): Caller {
  const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf };
  return {
    session,
    personId,
    send: (phone, purpose = 'bindPhone') => app.inject({ method: 'POST', url: '/api/verification/sms', headers, remoteAddress: ip, payload: { purpose, phone } }),
    check: (phone, code, purpose = 'bindPhone') => app.inject({ method: 'POST', url: '/api/verification/sms/check', headers, remoteAddress: ip, payload: { purpose, phone, code } }),
  };
}

const runJobs = (handlers: Record<string, JobHandler> = hall.jobHandlers, log = hall.app.log) => runDueJobs({ db: hall.db, handlers, log, pollMs: 1000 });

const latestCode = (phone: string) => hall.db.selectFrom('verification_code').selectAll().where('phone', '=', phone).orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow();
const sendJob = (codeId: string) =>
  hall.db.selectFrom('job').selectAll().where('kind', '=', 'sms.send').where(sql<boolean>`payload->>'codeId' = ${codeId}`).executeTakeFirstOrThrow();
/** The code Aliyun (the fake) was last asked to send to this phone. */
function aliyunCodeFor(phone: string): string {
  const message = aliyun.accepted.filter((m) => m.phone === phone).at(-1);
  if (!message) throw new Error(`Aliyun sent nothing to ${phone}`);
  return message.templateParam.code!;
}
/** Sends a code and runs the job; returns the code the phone received. */
async function sendAndDeliver(caller: Caller, phone: string): Promise<string> {
  expect((await caller.send(phone)).statusCode).toBe(200);
  await runJobs();
  return aliyunCodeFor(phone);
}
/** As if `seconds` had passed for this phone's codes: created, expiring and verified earlier. */
async function travel(phone: string, seconds: number): Promise<void> {
  await sql`update verification_code
               set created_at = created_at - make_interval(secs => ${seconds}),
                   expires_at = expires_at - make_interval(secs => ${seconds}),
                   verified_at = verified_at - make_interval(secs => ${seconds})
             where phone = ${phone}`.execute(hall.db);
}
const oldestSend = async (column: 'phone' | 'account_id' | 'ip', value: string) =>
  (await hall.db.selectFrom('verification_code').select('created_at').where(column, '=', value).orderBy('created_at', 'asc').limit(1).executeTakeFirstOrThrow()).created_at;

/** Another app over the hall's database, with other settings and, if asked, a log captured line by line. */
async function otherApp(overrides: Partial<Config>, capture = false): Promise<Hall & { lines: string[] }> {
  const lines: string[] = [];
  const logger = capture ? { level: 'trace', stream: { write: (line: string) => void lines.push(line) } } : false;
  const built = await buildApp({ config: { ...hall.config, ...overrides }, db: hall.db, logger });
  await built.app.ready();
  return { ...built, lines };
}

// ── sending ──

describe('sending a code', () => {
  it('writes the hashed code and an sms.send job together; the job sends it through Aliyun and then forgets it', async () => {
    const caller = await newCaller();
    const phone = freshPhone();
    const response = await caller.send(phone);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ resendAfterSeconds: 60, expiresInSeconds: 300 });

    const row = await latestCode(phone);
    expect(row).toMatchObject({ purpose: 'bindPhone', status: 'pending', delivery_status: 'queued', failed_attempts: 0, session_id: sessionIdFromToken(caller.session.cookie.replace('hall_sid=', '')) });
    expect(row.expires_at.getTime() - row.created_at.getTime()).toBe(300_000);
    const job = await sendJob(row.id);
    expect(job.status).toBe('pending');
    const code = (job.payload as { code: string }).code;
    expect(code).toMatch(/^\d{6}$/);
    // The code table never holds the code itself.
    for (const value of Object.values(row)) expect(String(value)).not.toBe(code);
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);

    await runJobs();
    expect(aliyun.accepted.at(-1)).toMatchObject({ phone, signName: aliyunAccount.signName, templateCode: aliyunAccount.templateCode, templateParam: { code }, outId: row.id });
    const done = await sendJob(row.id);
    expect(done.status).toBe('done');
    expect(done.payload).toEqual({ codeId: row.id });
    expect(await latestCode(phone)).toMatchObject({ delivery_status: 'sent', provider_message_id: aliyun.accepted.at(-1)!.bizId });
  });

  it('answers the same for a number someone in the directory has and for one nobody has', async () => {
    const known = freshPhone();
    await buildPerson(hall.db, { phone: known });
    const caller = await newCaller();
    const unknown = freshPhone();
    const [a, b] = [await caller.send(known), await caller.send(unknown)];
    expect([a.statusCode, a.json(), a.headers['content-type']]).toEqual([b.statusCode, b.json(), b.headers['content-type']]);
    await runJobs();
    expect(aliyunCodeFor(known)).toMatch(/^\d{6}$/);
    expect(aliyunCodeFor(unknown)).toMatch(/^\d{6}$/);
  });

  it('is described in the OpenAPI document', async () => {
    const paths = (await hall.app.inject({ method: 'GET', url: '/api/docs/json' })).json().paths;
    for (const path of ['/api/verification/sms', '/api/verification/sms/check']) {
      expect(paths[path].post.tags, path).toEqual(['verification']);
      expect(paths[path].post.summary, path).toBeTruthy();
    }
  });

  it('wants a mainland mobile number, a known purpose, a logged-in member and the CSRF token', async () => {
    const caller = await newCaller();
    for (const phone of ['12345678901', '1381234567', '+8613812345678', '1381234567x']) {
      const response = await caller.send(phone);
      expect(response.statusCode, phone).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect((await caller.send(freshPhone(), 'resetPassword')).json().error.code).toBe('VALIDATION_FAILED');
    expect((await hall.app.inject({ method: 'POST', url: '/api/verification/sms', payload: { purpose: 'bindPhone', phone: freshPhone() } })).json().error.code).toBe('NOT_AUTHENTICATED');
    const noToken = await hall.app.inject({ method: 'POST', url: '/api/verification/sms', headers: { cookie: caller.session.cookie }, payload: { purpose: 'bindPhone', phone: freshPhone() } });
    expect([noToken.statusCode, noToken.json().error.code]).toEqual([403, 'CSRF_FAILED']);
    const newcomer = await buildPerson(hall.db, { mustChangePassword: true });
    const first = callerFor(hall.app, await login(hall.app, newcomer.accountNo, newcomer.password), newcomer.personId);
    expect((await first.send(freshPhone())).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(await hall.db.selectFrom('verification_code').select('id').where('account_id', 'in', hall.db.selectFrom('account').select('id').where('person_id', '=', caller.personId)).execute()).toEqual([]);
  });
});

// ── checking ──

describe('checking a code', () => {
  it('accepts the right code once; a second check says it is used', async () => {
    const caller = await newCaller();
    const phone = freshPhone();
    const code = await sendAndDeliver(caller, phone);
    const ok = await caller.check(phone, code);
    expect([ok.statusCode, ok.json()]).toEqual([200, { verified: true }]);
    const again = await caller.check(phone, code);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'VERIFICATION_CODE_USED']);
  });

  it('records every send and check in the audit log, with the phone masked and never the code', async () => {
    const caller = await newCaller();
    const phone = freshPhone();
    const code = await sendAndDeliver(caller, phone);
    await caller.check(phone, wrongCode(code));
    await caller.check(phone, code);
    await caller.check(phone, code);
    expect((await caller.send(phone)).json().error.code).toBe('SMS_SEND_TOO_SOON');
    const entries = await hall.db.selectFrom('audit_log').select(['action', 'outcome', 'target', 'detail']).where('actor_person_id', '=', caller.personId).where('action', 'in', ['codeSent', 'codeChecked']).orderBy('id').execute();
    expect(entries.map((e) => `${e.action}:${e.outcome}`)).toEqual(['codeSent:ok', 'codeChecked:VERIFICATION_CODE_WRONG', 'codeChecked:ok', 'codeChecked:VERIFICATION_CODE_USED', 'codeSent:SMS_SEND_TOO_SOON']);
    expect(entries[0]!.target).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
    expect(JSON.stringify(entries)).not.toContain(code);
    expect(JSON.stringify(entries)).not.toContain(phone);
  });

  it('verifies a code once even when the right code comes twice at the same moment', async () => {
    const caller = await newCaller();
    const phone = freshPhone();
    const code = await sendAndDeliver(caller, phone);
    const answers = await Promise.all([caller.check(phone, code), caller.check(phone, code)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });

  it('counts wrong codes down; the fifth kills the code, which then refuses even the right one', async () => {
    const caller = await newCaller();
    const phone = freshPhone();
    const code = await sendAndDeliver(caller, phone);
    for (const left of [4, 3, 2, 1]) {
      const response = await caller.check(phone, wrongCode(code));
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'VERIFICATION_CODE_WRONG', attemptsLeft: left, message: `验证码不正确，还可以再试 ${left} 次` });
    }
    const fifth = await caller.check(phone, wrongCode(code));
    expect([fifth.statusCode, fifth.json().error.code, fifth.json().error.attemptsLeft]).toEqual([429, 'VERIFICATION_TOO_MANY_ATTEMPTS', 0]);
    expect((await caller.check(phone, code)).json().error.code).toBe('VERIFICATION_TOO_MANY_ATTEMPTS');
    expect(await latestCode(phone)).toMatchObject({ status: 'dead', failed_attempts: 5 });
  });

  it('refuses an expired code, and a check with no code sent', async () => {
    const caller = await newCaller();
    const phone = freshPhone();
    const code = await sendAndDeliver(caller, phone);
    await travel(phone, 301);
    expect((await caller.check(phone, code)).json().error.code).toBe('VERIFICATION_CODE_EXPIRED');
    const none = await caller.check(freshPhone(), '123456');
    expect([none.statusCode, none.json().error.code]).toEqual([400, 'VERIFICATION_CODE_NOT_FOUND']);
  });

  it('answers only in the session that asked for the code', async () => {
    const person = await buildPerson(hall.db);
    const asking = callerFor(hall.app, await login(hall.app, person.accountNo, person.password), person.personId);
    const otherSession = callerFor(hall.app, await login(hall.app, person.accountNo, person.password), person.personId);
    const phone = freshPhone();
    const code = await sendAndDeliver(asking, phone);
    expect((await otherSession.check(phone, code)).json().error.code).toBe('VERIFICATION_CODE_NOT_FOUND');
    expect((await asking.check(phone, code)).statusCode).toBe(200);
  });

  it('a resend replaces the old code, and a replaced code whose job has not run is never sent', async () => {
    const caller = await newCaller();
    const phone = freshPhone();
    const first = await sendAndDeliver(caller, phone);
    await travel(phone, 61);
    const second = await sendAndDeliver(caller, phone);
    // (One time in a million the new code is the old one; then there is nothing to tell apart.)
    if (first !== second) expect((await caller.check(phone, first)).json().error.code).toBe('VERIFICATION_CODE_WRONG');
    expect((await caller.check(phone, second)).statusCode).toBe(200);

    // Resent before the first job ran: the first job has lost its code and sends nothing.
    const other = freshPhone();
    expect((await caller.send(other)).statusCode).toBe(200);
    const replaced = await latestCode(other);
    await travel(other, 61);
    expect((await caller.send(other)).statusCode).toBe(200);
    expect((await sendJob(replaced.id)).payload).toEqual({ codeId: replaced.id });
    const before = aliyun.accepted.length;
    await runJobs();
    expect(aliyun.accepted.slice(before).map((m) => m.phone)).toEqual([other]);
    expect(await hall.db.selectFrom('verification_code').select('status').where('id', '=', replaced.id).executeTakeFirstOrThrow()).toEqual({ status: 'replaced' });
  });

  it('lets the binding flow use a successful check once, within ten minutes, in the same session', async () => {
    const verification = hall.services.verification;
    const caller = await newCaller();
    const sessionId = sessionIdFromToken(caller.session.cookie.replace('hall_sid=', ''));
    const phone = freshPhone();
    const use = (input: Partial<{ sessionId: string; phone: string }> = {}) => verification.consumeVerifiedPhone({ sessionId, purpose: 'bindPhone', phone, ...input });

    const code = await sendAndDeliver(caller, phone);
    await expect(use()).rejects.toMatchObject({ code: 'PHONE_NOT_VERIFIED' });
    expect((await caller.check(phone, code)).statusCode).toBe(200);
    await expect(use({ sessionId: 'another-session' })).rejects.toMatchObject({ code: 'PHONE_NOT_VERIFIED' });
    await expect(use({ phone: freshPhone() })).rejects.toMatchObject({ code: 'PHONE_NOT_VERIFIED' });
    await expect(use()).resolves.toBeUndefined();
    await expect(use()).rejects.toMatchObject({ code: 'PHONE_NOT_VERIFIED' });

    // A check older than ten minutes no longer counts.
    await travel(phone, 61);
    const again = await sendAndDeliver(caller, phone);
    expect((await caller.check(phone, again)).statusCode).toBe(200);
    await travel(phone, 601);
    await expect(use()).rejects.toMatchObject({ code: 'PHONE_NOT_VERIFIED' });
  });
});

// ── limits ──

describe('send limits', () => {
  it('per phone: one a minute, saying when the next may go', async () => {
    const caller = await newCaller();
    const phone = freshPhone();
    expect((await caller.send(phone)).statusCode).toBe(200);
    const refused = await caller.send(phone);
    expect(refused.statusCode).toBe(429);
    const error = refused.json().error;
    expect(error.code).toBe('SMS_SEND_TOO_SOON');
    const sentAt = (await latestCode(phone)).created_at.getTime();
    expect(new Date(error.retryAt).getTime()).toBe(sentAt + 60_000);
    expect(error.message).toMatch(/^验证码已发送，请 \d+ 秒后再获取$/);
    await travel(phone, 60);
    expect((await caller.send(phone)).statusCode).toBe(200);
    await runJobs();
  });

  it('lets only one of two sends at the same moment to one phone through', async () => {
    const phone = freshPhone();
    const [a, b] = [await newCaller(), await newCaller()];
    const answers = await Promise.all([a.send(phone), b.send(phone)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 429]);
    expect(await hall.db.selectFrom('verification_code').select('id').where('phone', '=', phone).execute()).toHaveLength(1);
    await runJobs();
  });

  it('per phone: five an hour and ten a day, whoever asks', async () => {
    const phone = freshPhone();
    const [a, b, c] = [await newCaller(), await newCaller(), await newCaller()];
    for (let i = 0; i < 5; i++) {
      expect((await a.send(phone)).statusCode).toBe(200);
      await travel(phone, 61);
    }
    const hourly = (await b.send(phone)).json().error;
    expect(hourly.code).toBe('SMS_PHONE_LIMIT');
    expect(new Date(hourly.retryAt).getTime()).toBe((await oldestSend('phone', phone)).getTime() + 3_600_000);
    expect(hourly.message).toMatch(/^该手机号获取验证码次数过多，请于 (明天 )?\d{2}:\d{2} 后再试$/);

    await travel(phone, 3600);
    for (let i = 0; i < 5; i++) {
      expect((await b.send(phone)).statusCode).toBe(200);
      await travel(phone, 61);
    }
    const daily = (await c.send(phone)).json().error;
    expect(daily.code).toBe('SMS_PHONE_LIMIT');
    expect(new Date(daily.retryAt).getTime()).toBe((await oldestSend('phone', phone)).getTime() + 24 * 3_600_000);
    await runJobs();
  });

  it('per account: ten in 24 hours', async () => {
    const caller = await newCaller();
    for (let i = 0; i < 10; i++) expect((await caller.send(freshPhone())).statusCode).toBe(200);
    const refused = (await caller.send(freshPhone())).json().error;
    expect(refused.code).toBe('SMS_ACCOUNT_LIMIT');
    const accountId = (await latestCodeOfCaller(caller)).account_id;
    expect(new Date(refused.retryAt).getTime()).toBe((await oldestSend('account_id', accountId)).getTime() + 24 * 3_600_000);
    await runJobs();
  });

  it('per IP address: twenty an hour', async () => {
    const ip = freshIp();
    const callers = [await newCaller(hall.app, ip), await newCaller(hall.app, ip), await newCaller(hall.app, ip)];
    for (let i = 0; i < 20; i++) expect((await callers[i % 3]!.send(freshPhone())).statusCode).toBe(200);
    const refused = (await callers[0]!.send(freshPhone())).json().error;
    expect(refused.code).toBe('SMS_IP_LIMIT');
    expect(new Date(refused.retryAt).getTime()).toBe((await oldestSend('ip', ip)).getTime() + 3_600_000);
    // Another address is not held back.
    expect((await (await newCaller()).send(freshPhone())).statusCode).toBe(200);
    await runJobs();
  });

  it("keeps to the hall's daily budget, counting only codes that were sent", async () => {
    const budget = hall.config.SMS_DAILY_BUDGET;
    const day = todayInShanghai(new Date());
    const setCount = (sent: number) =>
      hall.db.insertInto('sms_daily_count').values({ day, sent }).onConflict((oc) => oc.column('day').doUpdateSet({ sent })).execute();
    const count = async () => (await hall.db.selectFrom('sms_daily_count').select('sent').where('day', '=', day).executeTakeFirstOrThrow()).sent;
    const caller = await newCaller();
    const phone = freshPhone();
    await setCount(budget - 1);
    expect((await caller.send(phone)).statusCode).toBe(200);
    // Refused for another reason: the budget is not charged.
    expect((await caller.send(phone)).json().error.code).toBe('SMS_SEND_TOO_SOON');
    expect(await count()).toBe(budget);
    const refused = await caller.send(freshPhone());
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error).toMatchObject({ code: 'SMS_DAILY_BUDGET_EXHAUSTED', message: '今日短信发送量已达上限，请明天再试' });
    const retryAt = new Date(refused.json().error.retryAt);
    expect(todayInShanghai(retryAt)).not.toBe(day);
    expect(retryAt.toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai' })).toBe('00:00:00');
    expect(retryAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
    expect(await count()).toBe(budget);
    await hall.db.deleteFrom('sms_daily_count').execute();
    await runJobs();
  });
});

async function latestCodeOfCaller(caller: Caller) {
  return hall.db
    .selectFrom('verification_code as v')
    .innerJoin('account as a', 'a.id', 'v.account_id')
    .selectAll('v')
    .where('a.person_id', '=', caller.personId)
    .orderBy('v.created_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

// ── delivery ──

describe('delivery through the job worker', () => {
  it('retries throttling later; the code stays in the payload only until it is delivered', async () => {
    const caller = await newCaller();
    const phone = freshPhone();
    expect((await caller.send(phone)).statusCode).toBe(200);
    const row = await latestCode(phone);
    aliyun.failNext('isv.BUSINESS_LIMIT_CONTROL', '触发分钟级流控Permits:1');
    await runJobs();
    const waiting = await sendJob(row.id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, last_error: 'aliyun SMS not sent yet: isv.BUSINESS_LIMIT_CONTROL' });
    const code = (waiting.payload as { code: string }).code;
    expect(waiting.run_at.getTime()).toBeGreaterThan(Date.now());

    await hall.db.updateTable('job').set({ run_at: new Date(Date.now() - 1000) }).where('id', '=', waiting.id).execute();
    await runJobs();
    expect(aliyunCodeFor(phone)).toBe(code);
    expect((await sendJob(row.id)).payload).toEqual({ codeId: row.id });
    expect((await caller.check(phone, code)).statusCode).toBe(200);
  });

  it('does not retry a number the provider refuses; the check says the SMS failed', async () => {
    const caller = await newCaller();
    const phone = freshPhone();
    expect((await caller.send(phone)).statusCode).toBe(200);
    const row = await latestCode(phone);
    aliyun.failNext('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
    await runJobs();
    expect(await sendJob(row.id)).toMatchObject({ status: 'done', attempts: 1, payload: { codeId: row.id } });
    expect(await latestCode(phone)).toMatchObject({ delivery_status: 'failed', delivery_error: 'isv.MOBILE_NUMBER_ILLEGAL' });
    const check = await caller.check(phone, '000000');
    expect([check.statusCode, check.json().error.code]).toEqual([422, 'SMS_DELIVERY_FAILED']);
  });

  it('gives up when no retry could come before the code expires, and sends nothing for an expired code', async () => {
    const caller = await newCaller();
    const phone = freshPhone();
    expect((await caller.send(phone)).statusCode).toBe(200);
    const row = await latestCode(phone);
    await sql`update verification_code set expires_at = ${new Date(Date.now() + 1500)} where id = ${row.id}`.execute(hall.db);
    aliyun.failNext('isv.BUSINESS_LIMIT_CONTROL');
    await runJobs();
    expect(await sendJob(row.id)).toMatchObject({ status: 'done', payload: { codeId: row.id } });
    expect(await latestCode(phone)).toMatchObject({ delivery_status: 'failed', delivery_error: 'isv.BUSINESS_LIMIT_CONTROL' });

    const late = freshPhone();
    expect((await caller.send(late)).statusCode).toBe(200);
    const lateRow = await latestCode(late);
    await travel(late, 301);
    const before = aliyun.accepted.length;
    await runJobs();
    expect(aliyun.accepted.length).toBe(before);
    expect(await sendJob(lateRow.id)).toMatchObject({ status: 'done', payload: { codeId: lateRow.id } });
  });
});

// ── Tencent Cloud ──

describe('Tencent Cloud SMS end to end', () => {
  it('sends through SendSms with +86, the code and the minutes, and the code checks', async () => {
    const tencentHall = await otherApp({ SMS_PROVIDER: 'tencent' });
    try {
      const caller = await newCaller(tencentHall.app);
      const phone = freshPhone();
      expect((await caller.send(phone)).statusCode).toBe(200);
      const row = await latestCode(phone);
      await runJobs(tencentHall.jobHandlers);
      const message = tencent.accepted.at(-1)!;
      expect(message).toMatchObject({ phone: `+86${phone}`, signName: tencentAccount.signName, templateId: tencentAccount.templateId, sessionContext: row.id });
      const [code, minutes] = message.templateParams;
      expect(minutes).toBe('5');
      expect(await latestCode(phone)).toMatchObject({ delivery_status: 'sent', provider_message_id: message.serialNo });
      expect((await sendJob(row.id)).payload).toEqual({ codeId: row.id });
      expect((await caller.check(phone, code!)).json()).toEqual({ verified: true });

      // A per-number refusal in SendStatusSet is final.
      const refusedPhone = freshPhone();
      expect((await caller.send(refusedPhone)).statusCode).toBe(200);
      tencent.failNext('InvalidParameterValue.IncorrectPhoneNumber');
      await runJobs(tencentHall.jobHandlers);
      expect(await latestCode(refusedPhone)).toMatchObject({ delivery_status: 'failed', delivery_error: 'InvalidParameterValue.IncorrectPhoneNumber' });
    } finally {
      await tencentHall.app.close();
    }
  });
});

// ── the fakes ──

describe('the vendor fakes', () => {
  const message = { phone: '13800138000', purpose: 'bindPhone' as const, code: '123456', expiresInMinutes: 5, reference: 'ref-1' };
  const aliyunSettings = () => ({ ...aliyunAccount, regionId: 'cn-hangzhou', endpoint: aliyun.url, timeoutMs: 5000 });
  const tencentSettings = () => ({ ...tencentAccount, region: 'ap-guangzhou', endpoint: tencent.url, timeoutMs: 5000 });

  it("refuse a wrong secret with the vendor's own error code", async () => {
    const accepted = [aliyun.accepted.length, tencent.accepted.length];
    const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

    const aliyunWrong = await refusal(createAliyunSmsProvider({ ...aliyunSettings(), accessKeySecret: 'not-the-secret' }).sendCode(message));
    expect(aliyunWrong).toBeInstanceOf(SmsSendError);
    expect(aliyunWrong).toMatchObject({ vendorCode: 'SignatureDoesNotMatch', kind: 'configuration' });
    expect(aliyun.answers.at(-1)).toMatchObject({ status: 400, json: { Code: 'SignatureDoesNotMatch' } });
    expect(await refusal(createAliyunSmsProvider({ ...aliyunSettings(), accessKeyId: 'LTAI-unknown' }).sendCode(message))).toMatchObject({ vendorCode: 'InvalidAccessKeyId.NotFound' });

    const tencentWrong = await refusal(createTencentSmsProvider({ ...tencentSettings(), secretKey: 'not-the-secret' }).sendCode(message));
    expect(tencentWrong).toMatchObject({ vendorCode: 'AuthFailure.SignatureFailure', kind: 'configuration' });
    expect(tencent.answers.at(-1)).toMatchObject({ status: 200, json: { Response: { Error: { Code: 'AuthFailure.SignatureFailure' } } } });
    expect(await refusal(createTencentSmsProvider({ ...tencentSettings(), secretId: 'AKID-unknown' }).sendCode(message))).toMatchObject({ vendorCode: 'AuthFailure.SecretIdNotFound' });
    // And a clock five minutes off is refused as an expired signature.
    const skewed = createTencentSmsProvider(tencentSettings(), { now: () => new Date(Date.now() - 6 * 60_000) });
    expect(await refusal(skewed.sendCode(message))).toMatchObject({ vendorCode: 'AuthFailure.SignatureExpire' });

    expect([aliyun.accepted.length, tencent.accepted.length]).toEqual(accepted);
    // With the right secrets both accept.
    await expect(createAliyunSmsProvider(aliyunSettings()).sendCode(message)).resolves.toMatchObject({ messageId: expect.any(String) });
    await expect(createTencentSmsProvider(tencentSettings()).sendCode(message)).resolves.toMatchObject({ messageId: expect.stringMatching(/^5000:/) });
  });

  it('tell outages (retried) from refusals: no answer, a slow answer, an answer that is not JSON', async () => {
    const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);
    const server = http.createServer((req, res) => {
      if (req.url === '/slow') return; // never answers
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await refusal(createAliyunSmsProvider({ ...aliyunSettings(), endpoint: `${base}/` }).sendCode(message))).toMatchObject({ vendorCode: 'HTTP_502', kind: 'unavailable' });
      expect(await refusal(createTencentSmsProvider({ ...tencentSettings(), endpoint: `${base}/slow`, timeoutMs: 500 }).sendCode(message))).toMatchObject({ vendorCode: 'TIMEOUT', kind: 'unavailable' });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    const closed = await refusal(createAliyunSmsProvider({ ...aliyunSettings(), endpoint: base }).sendCode(message));
    expect(closed).toMatchObject({ vendorCode: 'NETWORK', kind: 'unavailable' });
    expect((closed as SmsSendError).isRetryable).toBe(true);
  });

  it('check the required parameters and refuse a replayed request', async () => {
    // A correctly signed Aliyun request without PhoneNumbers.
    const params: Record<string, string> = {
      AccessKeyId: aliyunAccount.accessKeyId, Action: 'SendSms', Format: 'JSON', RegionId: 'cn-hangzhou', SignatureMethod: 'HMAC-SHA1', SignatureNonce: `nonce-${randomInt(1e9)}`,
      SignatureVersion: '1.0', Timestamp: aliyunTimestamp(new Date()), Version: '2017-05-25', SignName: aliyunAccount.signName, TemplateCode: aliyunAccount.templateCode,
    };
    const body = canonicalizedQuery({ ...params, Signature: signAliyunRpc('POST', params, aliyunAccount.accessKeySecret) });
    const post = () => fetch(aliyun.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }).then((r) => r.json());
    expect(await post()).toMatchObject({ Code: 'MissingPhoneNumbers' });
    expect(await post()).toMatchObject({ Code: 'SignatureNonceUsed' });

    // A correctly signed Tencent request without TemplateId.
    const payload = JSON.stringify({ PhoneNumberSet: ['+8613800138000'], SmsSdkAppId: tencentAccount.sdkAppId, SignName: tencentAccount.signName });
    const timestamp = Math.floor(Date.now() / 1000);
    const host = new URL(tencent.url).host;
    const authorization = tc3Authorization({ secretId: tencentAccount.secretId, secretKey: tencentAccount.secretKey, service: 'sms', host, contentType: 'application/json; charset=utf-8', payload, timestamp });
    const headers = { authorization, 'content-type': 'application/json; charset=utf-8', 'x-tc-action': 'SendSms', 'x-tc-version': '2021-01-11', 'x-tc-timestamp': String(timestamp), 'x-tc-region': 'ap-guangzhou' };
    expect(await fetch(tencent.url, { method: 'POST', headers, body: payload }).then((r) => r.json())).toMatchObject({ Response: { Error: { Code: 'MissingParameter' } } });
    // Changing one byte of the body breaks the signature.
    expect(await fetch(tencent.url, { method: 'POST', headers, body: payload.replace('8000', '8001') }).then((r) => r.json())).toMatchObject({ Response: { Error: { Code: 'AuthFailure.SignatureFailure' } } });
  });
});

// ── logs ──

describe('the server log', () => {
  it("with SMS_PROVIDER=log holds the code in the log provider's line and nowhere else", async () => {
    const logHall = await otherApp({ SMS_PROVIDER: 'log' }, true);
    try {
      const caller = await newCaller(logHall.app);
      const phone = freshPhone();
      expect((await caller.send(phone)).statusCode).toBe(200);
      await runJobs(logHall.jobHandlers, logHall.app.log);
      const line = logHall.lines.map((text) => JSON.parse(text) as { msg: string; code?: string; sms?: { phone: string } }).find((entry) => entry.sms);
      expect(line).toMatchObject({ sms: { phone: mask.phone(phone) } });
      const code = line!.code!;
      expect(code).toMatch(/^\d{6}$/);
      expect((await caller.check(phone, wrongCode(code))).statusCode).toBe(400);
      expect((await caller.check(phone, code)).statusCode).toBe(200);
      expect((await caller.check(phone, code)).statusCode).toBe(409);

      const withCode = logHall.lines.filter((text) => logHoldsCode(text, code));
      expect(withCode).toHaveLength(1);
      expect(JSON.parse(withCode[0]!).msg).toMatch(/^SMS code \(SMS_PROVIDER=log/);
      expect(logHall.lines.filter((text) => text.includes(phone))).toEqual([]);
      expect(logHall.lines.length).toBeGreaterThan(5); // requests were logged too
    } finally {
      await logHall.app.close();
    }
  });

  it("with a real provider never holds the code, even when the vendor's answer quotes it", async () => {
    const wrongSecret = await otherApp({ ALIYUN_SMS_ACCESS_KEY_SECRET: 'not-the-secret' }, true);
    try {
      const caller = await newCaller(wrongSecret.app);
      const phone = freshPhone();
      expect((await caller.send(phone)).statusCode).toBe(200);
      const row = await latestCode(phone);
      const code = ((await sendJob(row.id)).payload as { code: string }).code;
      await runJobs(wrongSecret.jobHandlers, wrongSecret.app.log);
      // Aliyun's SignatureDoesNotMatch message quotes the string it signed, the code in it.
      const answer = aliyun.answers.at(-1)!.json as { Code: string; Message: string };
      expect(answer.Code).toBe('SignatureDoesNotMatch');
      expect(answer.Message).toContain(code);
      expect(await latestCode(phone)).toMatchObject({ delivery_status: 'failed', delivery_error: 'SignatureDoesNotMatch' });
      expect(wrongSecret.lines.some((text) => text.includes('SignatureDoesNotMatch'))).toBe(true);
      expect((await caller.check(phone, code)).json().error.code).toBe('SMS_DELIVERY_FAILED');

      // A retried failure: the worker logs the job's error, which names only the vendor's code.
      await travel(phone, 61);
      expect((await caller.send(phone)).statusCode).toBe(200);
      const retried = await latestCode(phone);
      const retriedCode = ((await sendJob(retried.id)).payload as { code: string }).code;
      aliyun.failNext('isp.SYSTEM_ERROR');
      await runJobs(hall.jobHandlers, wrongSecret.app.log);
      const job = await sendJob(retried.id);
      expect(job.last_error).toBe('aliyun SMS not sent yet: isp.SYSTEM_ERROR');
      await hall.db.updateTable('job').set({ run_at: new Date(Date.now() - 1000) }).where('id', '=', job.id).execute();
      await runJobs(hall.jobHandlers, wrongSecret.app.log);
      expect((await caller.check(phone, retriedCode)).statusCode).toBe(200);

      for (const secret of [code, retriedCode]) expect(wrongSecret.lines.filter((text) => logHoldsCode(text, secret))).toEqual([]);
      expect(wrongSecret.lines.filter((text) => text.includes('not-the-secret') || text.includes(aliyunAccount.accessKeySecret))).toEqual([]);
    } finally {
      await wrongSecret.app.close();
    }
  });
});
