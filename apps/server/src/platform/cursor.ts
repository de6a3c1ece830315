import { AppError } from './errors.ts';

/** A position in a list ordered by (time desc, id desc). */
export interface Cursor {
  at: Date;
  id: string;
}

/** Row ids a cursor may carry: a UUID or a bigint identity. */
const cursorId = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{1,19})$/;

/** Opaque keyset cursors: base64url of [ISO time, id]. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at.toISOString(), cursor.id])).toString('base64url');
}

export function decodeCursor(text: string | undefined): Cursor | undefined {
  if (!text) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(at));
    if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(date.getTime()) || !cursorId.test(id)) throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw new AppError('VALIDATION_FAILED', { field: 'cursor' }, '分页参数无效');
  }
}
