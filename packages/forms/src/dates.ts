/**
 * Calendar days ('YYYY-MM-DD') and times of day ('HH:mm') as the hall uses
 * them: plain strings in Asia/Shanghai, compared as strings (the format
 * sorts), and counted through UTC so no daylight-saving or local zone of the
 * browser can shift a day.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;

function utcDay(text: string): number | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  return new Date(time).toISOString().slice(0, 10) === text ? time : null;
}

/** Whether `text` is a real calendar day written 'YYYY-MM-DD'. */
export function isRealDate(text: string): boolean {
  return utcDay(text) !== null;
}

/**
 * Days from `start` to `end` counting both (a leave from Monday to Friday is
 * 5 days); 0 or less when end is before start. Both must be real dates.
 */
export function daysInclusive(start: string, end: string): number {
  const from = utcDay(start);
  const to = utcDay(end);
  if (from === null || to === null) throw new Error(`not dates: ${start}, ${end}`);
  return Math.round((to - from) / DAY_MS) + 1;
}

/** '9:05' or '09:05' as '09:05'; null when not a time of day. */
export function normalizeTime(text: string): string | null {
  const match = TIME.exec(text);
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : null;
}

/**
 * Today's date in Asia/Shanghai as 'YYYY-MM-DD' (the hall's calendar).
 * Shanghai has kept UTC+8 all year since 1991: 8 hours on, no Intl formatter
 * (building one with a time zone loads the zone data, ~75 ms on a phone).
 */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
