/**
 * The condition language of a form: when a field is shown (`visibleWhen`),
 * when it is required (`requiredWhen`), when a cross-field rule applies. It
 * has the shape of the workflow engine's branch conditions (all / any / not /
 * field op value), so an administrator learns one language. Its zod shape,
 * `conditionSchema`, is in schema.ts: this module is zod-free, as the phone
 * evaluates conditions while a form is filled in.
 */
export type ConditionOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'notIn' | 'contains' | 'empty' | 'notEmpty';
export type Comparable = string | number | boolean;
export type FieldCondition =
  | { all: FieldCondition[] }
  | { any: FieldCondition[] }
  | { not: FieldCondition }
  | { field: string; op: ConditionOp; value?: Comparable | Comparable[] | undefined };

export const conditionOps = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'contains', 'empty', 'notEmpty'] as const;

/** The field keys a condition reads. */
export function conditionFields(condition: FieldCondition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionFields);
  if ('any' in condition) return condition.any.flatMap(conditionFields);
  if ('not' in condition) return conditionFields(condition.not);
  return [condition.field];
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** Decimal text as money fields store it: "1234.50", "-3", "0.5". */
const decimalText = /^-?\d+(\.\d+)?$/;

/**
 * One comparison of the condition language, shared with the workflow
 * engine's branch conditions so both read a condition the same way.
 */
export function compareValues(left: unknown, op: ConditionOp, right: unknown): boolean {
  // A money value is stored as exact text ("1234.50"); against a number it compares as one.
  if (typeof right === 'number' && typeof left === 'string' && decimalText.test(left)) left = Number(left);
  const list = Array.isArray(right) ? right : [right];
  switch (op) {
    case 'eq':
      return Array.isArray(left) ? false : left === right;
    case 'ne':
      return left !== right;
    case 'in':
      return Array.isArray(left) ? left.some((v) => list.includes(v)) : list.includes(left);
    case 'notIn':
      return Array.isArray(left) ? !left.some((v) => list.includes(v)) : !list.includes(left);
    case 'contains':
      return Array.isArray(left) ? left.includes(right) : typeof left === 'string' && typeof right === 'string' && left.includes(right);
    case 'empty':
      return isEmpty(left);
    case 'notEmpty':
      return !isEmpty(left);
  }
  // Ordering compares numbers as numbers and dates / times as strings; mixed types never match.
  if ((typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string')) {
    return op === 'gt' ? left > right : op === 'gte' ? left >= right : op === 'lt' ? left < right : left <= right;
  }
  return false;
}

/**
 * Evaluates a condition. `read` gives a field's value as conditions see it
 * (validate.ts: money as a number, a date range as its days, a hidden or
 * unknown field as undefined). Total: it never throws.
 */
export function evaluateCondition(condition: FieldCondition, read: (key: string) => unknown): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, read));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, read));
  if ('not' in condition) return !evaluateCondition(condition.not, read);
  return compareValues(read(condition.field), condition.op, condition.value);
}
