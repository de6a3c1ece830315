import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DAY_MS, HOUR_MS, MINUTE_MS, findSendRefusal, historyDepth, windowReopensAt, type SendHistory, type SendLimits } from './verification.limits.ts';

const limits: SendLimits = { phonePerMinute: 1, phonePerHour: 5, phonePerDay: 10, accountPerDay: 10, ipPerHour: 20 };
const now = new Date('2026-11-25T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const none: SendHistory = { phone: [], account: [], ip: [] };

describe('send limits', () => {
  it('allows the first send, then one a minute per phone, saying when', () => {
    expect(findSendRefusal(none, now, limits)).toBeNull();
    const justSent = { ...none, phone: [ago(20_000)] };
    expect(findSendRefusal(justSent, now, limits)).toEqual({ code: 'SMS_SEND_TOO_SOON', retryAt: new Date(now.getTime() + 40_000) });
    expect(findSendRefusal({ ...none, phone: [ago(MINUTE_MS)] }, now, limits)).toBeNull();
  });

  it('allows 5 an hour and 10 a day per phone; room comes back when the oldest counted send leaves the window', () => {
    const fiveThisHour = [2, 10, 20, 30, 40].map((m) => ago(m * MINUTE_MS));
    expect(findSendRefusal({ ...none, phone: fiveThisHour }, now, limits)).toEqual({ code: 'SMS_PHONE_LIMIT', retryAt: new Date(ago(40 * MINUTE_MS).getTime() + HOUR_MS) });
    expect(findSendRefusal({ ...none, phone: fiveThisHour.slice(1) }, now, limits)).toBeNull();
    const tenToday = [2, 3, 4, 5, 6, 7, 8, 9, 10, 23].map((h) => ago(h * HOUR_MS));
    expect(findSendRefusal({ ...none, phone: tenToday }, now, limits)).toEqual({ code: 'SMS_PHONE_LIMIT', retryAt: new Date(ago(23 * HOUR_MS).getTime() + DAY_MS) });
  });

  it('counts per account over 24 hours and per IP over an hour', () => {
    const account = Array.from({ length: 10 }, (_, i) => ago((i + 1) * HOUR_MS));
    expect(findSendRefusal({ ...none, account }, now, limits)?.code).toBe('SMS_ACCOUNT_LIMIT');
    const ip = Array.from({ length: 20 }, (_, i) => ago((i + 1) * MINUTE_MS));
    expect(findSendRefusal({ ...none, ip }, now, limits)).toEqual({ code: 'SMS_IP_LIMIT', retryAt: new Date(ago(20 * MINUTE_MS).getTime() + HOUR_MS) });
  });

  it('reports the limit that lasts longest when several are reached', () => {
    const history = { phone: [ago(10_000)], account: Array.from({ length: 10 }, (_, i) => ago((i + 1) * HOUR_MS)), ip: [] };
    expect(findSendRefusal(history, now, limits)?.code).toBe('SMS_ACCOUNT_LIMIT');
  });

  it('needs only the newest sends: as many as the largest limit of each kind', () => {
    expect(historyDepth(limits)).toEqual({ phone: 10, account: 10, ip: 20 });
    expect(windowReopensAt([ago(1000), ago(2000)], 3, MINUTE_MS, now)).toBeNull();
  });

  it('property: a refusal points to the future, and at that moment every limit allows a send', () => {
    const sends = fc.array(fc.integer({ min: 0, max: 25 * HOUR_MS }).map(ago), { maxLength: 30 });
    fc.assert(
      fc.property(sends, sends, sends, (phone, account, ip) => {
        const history = { phone, account, ip };
        const refusal = findSendRefusal(history, now, limits);
        if (!refusal) return;
        expect(refusal.retryAt.getTime()).toBeGreaterThan(now.getTime());
        expect(findSendRefusal(history, refusal.retryAt, limits)).toBeNull();
        // …and not a moment before.
        expect(findSendRefusal(history, new Date(refusal.retryAt.getTime() - 1), limits)).not.toBeNull();
      }),
    );
  });
});
