import { fileLimits } from '@onehall/contracts';

/**
 * File names as people send them are shown back to others and sent in
 * Content-Disposition, so they are cleaned once, at upload: no directories,
 * no control or direction-changing characters (the "gpj.exe" trick), none of
 * the characters Windows refuses, no leading dots, a bounded length. The
 * stored object never uses the name: its key is the file's id.
 */

// C0/C1 controls; bidi embeddings, overrides and isolates; marks; zero-width characters and the BOM.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\u061c\ufeff]/g;
const WINDOWS_RESERVED_CHARS = /[<>:"|?*]/g;
const WINDOWS_DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** The lower-case extension of a name, without the dot ('' when there is none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Cuts a string to at most `max` characters (code points, so no half of a surrogate pair is left). */
function cut(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : chars.slice(0, max).join('');
}

/** The name to keep for an uploaded file: safe to show, to store and to send back; never empty. */
export function sanitizeFileName(raw: string | undefined, maxLength: number = fileLimits.nameMaxLength): string {
  let name = (raw ?? '').normalize('NFC');
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = name.replace(INVISIBLE, '').replace(WINDOWS_RESERVED_CHARS, '_').trim();
  const dot = name.lastIndexOf('.');
  let stem = dot >= 0 ? name.slice(0, dot) : name;
  const extension = dot >= 0 ? name.slice(dot + 1).trim().replace(/\s+/g, '') : '';
  // Leading dots would hide the file (or read as "..") on a disk it is saved to; trailing dots and spaces vanish on Windows.
  stem = stem.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (stem === '') stem = '未命名';
  if (WINDOWS_DEVICE_NAMES.test(stem)) stem = `_${stem}`;
  const suffix = extension ? `.${cut(extension, 10)}` : '';
  return `${cut(stem, Math.max(1, maxLength - Array.from(suffix).length))}${suffix}`;
}

/** RFC 5987 ext-value characters: everything else is percent-encoded UTF-8. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Content-Disposition for a download: `filename` in plain ASCII for old
 * clients, `filename*` (RFC 6266 / 5987) with the real name in UTF-8.
 */
export function contentDisposition(disposition: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
