/**
 * The hall keeps the school's calendar: every time is shown in Asia/Shanghai,
 * whatever the device's or server's own time zone is. One formatter, made
 * once (building an Intl formatter costs far more than using one), for the
 * H5, the admin console and the server's messages.
 */
const dateTimeFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(at: string | Date): Record<string, string> | null {
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) return null;
  const result: Record<string, string> = {};
  for (const part of dateTimeFormat.formatToParts(date)) result[part.type] = part.value;
  return result;
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
