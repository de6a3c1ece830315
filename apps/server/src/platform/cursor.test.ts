import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';

describe('cursor', () => {
  it('round-trips and refuses tampered input with VALIDATION_FAILED', () => {
    const cursor = { at: new Date('2026-11-24T08:00:00.123Z'), id: '0194b4c2-1f6e-7d3a-9c1e-2b3c4d5e6f70' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor(undefined)).toBeUndefined();
    const numbered = { at: new Date('2026-11-24T08:00:00.000Z'), id: '1234567' };
    expect(decodeCursor(encodeCursor(numbered))).toEqual(numbered);
    for (const bad of ['x', Buffer.from('["not a date","id"]').toString('base64url'), Buffer.from('["2026-01-01T00:00:00Z","1 OR 1=1"]').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
  });
});
