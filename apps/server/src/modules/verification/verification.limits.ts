/**
 * The send limits, as a pure function of earlier sends. Every window rolls
 * (the last minute, hour, 24 hours), so a refusal can say exactly when a
 * send will be allowed again.
 */
export interface SendLimits {
  phonePerMinute: number;
  phonePerHour: number;
  phonePerDay: number;
  accountPerDay: number;
  ipPerHour: number;
}

/** When earlier codes were sent, to this phone, by this account and from this IP (any order). */
export interface SendHistory {
  phone: readonly Date[];
  account: readonly Date[];
  ip: readonly Date[];
}

export type SendRefusalCode = 'SMS_SEND_TOO_SOON' | 'SMS_PHONE_LIMIT' | 'SMS_ACCOUNT_LIMIT' | 'SMS_IP_LIMIT';

export interface SendRefusal {
  code: SendRefusalCode;
  retryAt: Date;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** How many of the newest sends the limits need to see: the largest limit of each kind. */
export function historyDepth(limits: SendLimits): { phone: number; account: number; ip: number } {
  return { phone: Math.max(limits.phonePerMinute, limits.phonePerHour, limits.phonePerDay), account: limits.accountPerDay, ip: limits.ipPerHour };
}

/**
 * When a window of `windowMs` that allows `limit` sends has room again, or
 * null when it has room now. Room comes back when the `limit`-th newest send
 * in the window leaves it.
 */
export function windowReopensAt(sends: readonly Date[], limit: number, windowMs: number, now: Date): Date | null {
  const inWindow = sends
    .map((at) => at.getTime())
    .filter((at) => at > now.getTime() - windowMs)
    .sort((a, b) => b - a);
  if (inWindow.length < limit) return null;
  return new Date(inWindow[limit - 1]! + windowMs);
}

/**
 * Why a send must wait, or null when it may go now. When several limits are
 * reached, the one that lasts longest is reported: its retryAt is when every
 * limit allows a send again, so the person is never sent back too early.
 */
export function findSendRefusal(history: SendHistory, now: Date, limits: SendLimits): SendRefusal | null {
  const refusals: SendRefusal[] = [];
  const check = (code: SendRefusalCode, retryAt: Date | null) => {
    if (retryAt) refusals.push({ code, retryAt });
  };
  check('SMS_SEND_TOO_SOON', windowReopensAt(history.phone, limits.phonePerMinute, MINUTE_MS, now));
  check('SMS_PHONE_LIMIT', windowReopensAt(history.phone, limits.phonePerHour, HOUR_MS, now));
  check('SMS_PHONE_LIMIT', windowReopensAt(history.phone, limits.phonePerDay, DAY_MS, now));
  check('SMS_ACCOUNT_LIMIT', windowReopensAt(history.account, limits.accountPerDay, DAY_MS, now));
  check('SMS_IP_LIMIT', windowReopensAt(history.ip, limits.ipPerHour, HOUR_MS, now));
  return refusals.reduce<SendRefusal | null>((latest, refusal) => (!latest || refusal.retryAt > latest.retryAt ? refusal : latest), null);
}
