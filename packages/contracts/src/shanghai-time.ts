/**
 * The hall keeps the school's calendar: every time is shown in Asia/Shanghai,
 * whatever the device's or server's own time zone is; for the H5, the admin
 * console and the server's messages.
 *
 * Shanghai has kept UTC+8 all year since China's last summer time ended in
 * September 1991, so a time from 1992 on is read by adding 8 hours, with no
 * Intl formatter: building one with a time zone loads the zone data, which
 * took ~75 ms of a phone page's start-up. An older time (none the hall makes)
 * goes through the formatter, made on first need.
 */
const UTC_PLUS_8_SINCE = Date.UTC(1992, 0, 1);
const OFFSET_MS = 8 * 3_600_000;
let historicFormat: Intl.DateTimeFormat | null = null;

const pad = (value: number) => String(value).padStart(2, '0');

function historicParts(date: Date): Record<string, string> {
  historicFormat ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const result: Record<string, string> = {};
  for (const part of historicFormat.formatToParts(date)) result[part.type] = part.value;
  return result;
}

function parts(at: string | Date): Record<string, string> | null {
  const date = at instanceof Date ? at : new Date(at);
  const time = date.getTime();
  if (Number.isNaN(time)) return null;
  if (time < UTC_PLUS_8_SINCE) return historicParts(date);
  const local = new Date(time + OFFSET_MS);
  return {
    year: String(local.getUTCFullYear()),
    month: pad(local.getUTCMonth() + 1),
    day: pad(local.getUTCDate()),
    hour: pad(local.getUTCHours()),
    minute: pad(local.getUTCMinutes()),
    second: pad(local.getUTCSeconds()),
  };
}

/** '2024-03-09 14:05', or with seconds '2024-03-09 14:05:07'; '' for no or a bad time. */
export function formatShanghaiDateTime(at: string | Date | null | undefined, options: { seconds?: boolean } = {}): string {
  const p = at ? parts(at) : null;
  if (!p) return '';
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${options.seconds ? `:${p.second}` : ''}`;
}

/** '14:05' */
export function formatShanghaiClock(at: string | Date | null | undefined): string {
  const p = at ? parts(at) : null;
  return p ? `${p.hour}:${p.minute}` : '';
}

