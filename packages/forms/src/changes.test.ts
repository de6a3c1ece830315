import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedFields, isSameValue } from './changes.ts';
import { formSchema } from './schema.ts';

const form = formSchema.parse({
  fields: [
    { key: 'title', label: '标题', type: 'text' },
    { key: 'period', label: '期间', type: 'dateRange' },
    { key: 'items', label: '明细', type: 'table', columns: [{ key: 'item', label: '项目', type: 'text' }, { key: 'qty', label: '数量', type: 'number' }] },
  ],
});

/** Rebuilds every object with its keys in another order, as jsonb does (shorter keys first). */
function reorderKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorderKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, item]) => [key, reorderKeys(item)]));
}

describe('what a resubmission changed', () => {
  it('finds nothing when the same data comes back from the database with its keys reordered', () => {
    const data = { title: '差旅', period: { start: '2026-03-02', end: '2026-03-06', days: 5 }, items: [{ item: '火车票', qty: 1 }] };
    expect(JSON.stringify(reorderKeys(data))).not.toBe(JSON.stringify(data));
    expect(changedFields(reorderKeys(data) as Record<string, unknown>, data, form)).toEqual([]);
  });

  it('lists the changed fields in the form’s order, other keys after, blanks as null', () => {
    const before = { extra: 'x', items: [{ item: '火车票', qty: 1 }], title: '差旅', period: { start: '2026-03-02', end: '2026-03-06', days: 5 } };
    const after = { title: '出差', items: [{ item: '火车票', qty: 2 }], period: { start: '2026-03-02', end: '2026-03-06', days: 5 }, extra: '' };
    expect(changedFields(before, after, form)).toEqual([
      { key: 'title', from: '差旅', to: '出差' },
      { key: 'items', from: before.items, to: after.items },
      { key: 'extra', from: 'x', to: null },
    ]);
  });

  it('treats every blank as the same and does not coerce types', () => {
    expect(isSameValue(undefined, null)).toBe(true);
    expect(isSameValue('', [])).toBe(true);
    expect(isSameValue(1, '1')).toBe(false);
    expect(isSameValue({ a: 1 }, [1])).toBe(false);
    expect(isSameValue(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(changedFields({ x: '' }, {}, form)).toEqual([]);
    expect(changedFields({}, { x: 0 })).toEqual([{ key: 'x', from: null, to: 0 }]);
  });

  it('agrees with the JSON text of key-sorted values (property)', () => {
    const sorted = (value: unknown) => JSON.stringify(reorderKeys(value));
    const value = fc.jsonValue().filter((v) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0));
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(isSameValue(a, reorderKeys(a))).toBe(true);
        // Apart from blanks nested inside (all alike here), equal sorted JSON is equality.
        if (sorted(a) === sorted(b)) expect(isSameValue(a, b)).toBe(true);
      }),
    );
  });
});
