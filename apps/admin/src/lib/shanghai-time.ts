/**
 * The console keeps the school's calendar: every time is shown in
 * Asia/Shanghai, whatever the computer's own time zone is. The formatter is
 * made once; a table of entries formats many times per render.
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

function parts(iso: string): Record<string, string> | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const result: Record<string, string> = {};
  for (const part of dateTimeFormat.formatToParts(date)) result[part.type] = part.value;
  return result;
}

/** '2024-03-09 14:05:07' */
export function formatDateTime(iso: string | null | undefined): string {
  const p = iso ? parts(iso) : null;
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}` : '';
}

/** '14:05' */
export function formatClock(iso: string | null | undefined): string {
  const p = iso ? parts(iso) : null;
  return p ? `${p.hour}:${p.minute}` : '';
}
