import type { FormDefinition } from './schema.ts';

/** One field whose value differs between two versions of an application's data (a blank value is null). */
export interface FieldChange {
  key: string;
  from: unknown;
  to: unknown;
}

/** Nothing filled in: no value, an empty text, an empty list. The detail page shows each as "—". */
const isBlank = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether two stored values are the same value. Objects are compared key by
 * key whatever the order of their keys: PostgreSQL's jsonb keeps keys in an
 * order of its own (shorter keys first), so a date range or a table row read
 * back from the database is not the same JSON text as the one just checked,
 * though nothing changed. Blank values (no value, '', []) are all the same.
 * Types are not coerced: the validator stores each field's values in one
 * form (a number as a number, an amount as a text), so 1 and '1' differ.
 */
export function isSameValue(a: unknown, b: unknown): boolean {
  if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => isSameValue(item, b[index]));
  }
  if (isRecord(a) || isRecord(b)) {
    if (!isRecord(a) || !isRecord(b)) return false;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => isSameValue(a[key], b[key]));
  }
  return a === b;
}

/**
 * The fields whose values differ between two versions of an application's
 * data (what a resubmission changed), in the form's order when the form is
 * given, then any other keys in the order met. A value that is missing or
 * blank on one side reads null there.
 */
export function changedFields(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>, form?: Pick<FormDefinition, 'fields'>): FieldChange[] {
  const formKeys = form ? form.fields.map((field) => field.key) : [];
  const keys = [...new Set([...formKeys, ...Object.keys(before), ...Object.keys(after)])];
  const blankToNull = (value: unknown) => (isBlank(value) ? null : value);
  return keys.filter((key) => !isSameValue(before[key], after[key])).map((key) => ({ key, from: blankToNull(before[key]), to: blankToNull(after[key]) }));
}
