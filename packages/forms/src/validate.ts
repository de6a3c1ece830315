import { evaluateCondition } from './conditions.ts';
import { compare, fromNumber, parseDecimal, sum, toNumber, type Rational } from './decimal.ts';
import { cachedFormula, evaluationOrder } from './dependencies.ts';
import { checkField, isBlank, requiredMessage } from './field-check.ts';
import { evaluateFormula } from './formula.ts';
import { codeOf, labelOf, say, sayComparison, sayInRow, type ErrorCode, type Locale } from './messages.ts';
import { formatMoney } from './money.ts';
import type { CrossFieldRule, DateRangeValue, FormDefinition, FormField, FormValue, FormValues, TableRow } from './schema.ts';
import type { Problem } from './simple-check.ts';

export { todayInShanghai } from './dates.ts';

/** A field error: a stable code for programs, a message for people (Chinese unless asked for English). */
export interface FieldError {
  key: string;
  code: ErrorCode;
  message: string;
  /** For a cell of a detail table: its row (0-based, as submitted) and column key. */
  row?: number;
  column?: string;
}

export type ValidationResult = { ok: true; values: FormValues } | { ok: false; errors: FieldError[] };

export interface ValidateOptions {
  /** The day of submission in Asia/Shanghai, 'YYYY-MM-DD'; passed in to keep this pure. */
  today: string;
  /** The language of the messages; codes are the same in both. */
  locale?: Locale;
  /**
   * An approver's step: only these fields are taken from the input, checked
   * and returned; every other field keeps its value from `current` (already
   * checked at submission) for conditions and formulas. See resolveFieldAccess.
   */
  writable?: readonly string[];
  /** The application's stored values, with `writable`. */
  current?: Readonly<Record<string, unknown>>;
}

/** Everything one pass over a form learns: what validateForm returns, and what the phone draws. */
export interface FormEvaluation {
  values: FormValues;
  errors: FieldError[];
  /** Fields shown now (visibleWhen holds), descriptions included. */
  visible: Set<string>;
  /** Fields required now (required, or requiredWhen holds), among the visible. */
  required: Set<string>;
}

/** A value as conditions compare it: money as a number, a date range as its days. */
function comparable(field: FormField | undefined, value: FormValue | undefined): unknown {
  if (value === undefined || !field) return value;
  if (field.type === 'money' || (field.type === 'computed' && typeof value === 'string')) return Number(value);
  if (field.type === 'dateRange') return (value as DateRangeValue).days;
  return value;
}

/** A number, money or computed value as an exact fraction. */
function exact(value: FormValue | undefined | boolean): Rational | undefined {
  if (typeof value === 'number') return fromNumber(value) ?? undefined;
  if (typeof value === 'string') return parseDecimal(value) ?? undefined;
  return undefined;
}

function checkRule(rule: CrossFieldRule, byKey: Map<string, FormField>, values: FormValues): boolean {
  const left = values[rule.field];
  const right = values[rule.other];
  if (left === undefined || right === undefined) return true;
  let order: number;
  const a = exact(left);
  const b = exact(right);
  const field = byKey.get(rule.field);
  if (field && (field.type === 'date' || field.type === 'time')) order = String(left) < String(right) ? -1 : String(left) > String(right) ? 1 : 0;
  else if (a && b) order = compare(a, b);
  else return true; // not comparable: refused when the form is published
  return { eq: order === 0, ne: order !== 0, gt: order > 0, gte: order >= 0, lt: order < 0, lte: order <= 0 }[rule.op];
}

/**
 * One pass over a form: fields in dependency order, each shown or hidden by
 * its condition, hidden ones neither checked nor kept, computed fields
 * computed, then the cross-field rules. Total: never throws, for any input.
 */
export function evaluateForm(form: FormDefinition, input: unknown, options: ValidateOptions): FormEvaluation {
  const source = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const locale = options.locale ?? 'zh-CN';
  const writable = options.writable ? new Set(options.writable) : null;
  const byKey = new Map(form.fields.map((field) => [field.key, field]));
  // Null prototype and own-property reads: a field may be called "constructor" or "toString".
  const values: FormValues = Object.create(null) as FormValues;
  const own = (record: Readonly<Record<string, unknown>> | undefined, key: string) => (record && Object.hasOwn(record, key) ? record[key] : undefined);
  const errors = new Map<string, FieldError[]>();
  const visible = new Set<string>();
  const required = new Set<string>();
  const read = (key: string) => comparable(byKey.get(key), values[key]);
  const context = { today: options.today };

  const report = (field: FormField, problems: Problem[]) => {
    const label = labelOf(field, locale);
    const list = errors.get(field.key) ?? [];
    for (const problem of problems) {
      // A pattern's own message; in English only when the author wrote one, else the table's words.
      const authored = problem.text && (locale === 'en' ? problem.text.en : problem.text.zh);
      if (problem.cell) {
        const cellLabel = labelOf(problem.cell.column, locale);
        const message = sayInRow(label, problem.cell.row, authored || say(problem.say, cellLabel, locale, problem.args), locale);
        list.push({ key: field.key, code: codeOf(problem.say), message, row: problem.cell.row, column: problem.cell.column.key });
      } else list.push({ key: field.key, code: codeOf(problem.say), message: authored || say(problem.say, label, locale, problem.args) });
    }
    errors.set(field.key, list);
  };

  const inputs = {
    field: (key: string) => exact(values[key]),
    days: (key: string) => {
      const range = values[key] as DateRangeValue | undefined;
      return typeof range?.days === 'number' ? (fromNumber(range.days) ?? undefined) : undefined;
    },
    sum: (table: string, column: string) => {
      if (!visible.has(table)) return undefined;
      // Rows stored earlier (an approver's step) are trusted, but read defensively: this must not throw.
      const stored = values[table];
      const rows = Array.isArray(stored) ? (stored as unknown[]).filter((row): row is TableRow => typeof row === 'object' && row !== null) : [];
      return sum(rows.map((row) => exact(row[column])).filter((v) => v !== undefined));
    },
  };

  for (const field of evaluationOrder(form.fields).order) {
    if (field.visibleWhen && !evaluateCondition(field.visibleWhen, read)) continue;
    visible.add(field.key);
    if (field.type === 'description') continue;
    if (field.type === 'computed') {
      // Whatever was submitted for a computed field is ignored: the package computes it.
      const node = cachedFormula(field.formula);
      const result = node ? evaluateFormula(node, inputs) : null;
      if (result?.ok) values[field.key] = field.resultType === 'money' ? formatMoney(result.value) : toNumber(result.value, field.decimals);
      else if (result?.reason === 'divisionByZero') report(field, [{ say: 'divisionByZero' }]);
      continue;
    }
    const isRequired = field.required || (field.requiredWhen !== undefined && evaluateCondition(field.requiredWhen, read));
    if (isRequired) required.add(field.key);
    if (writable && !writable.has(field.key)) {
      const stored = own(options.current, field.key);
      if (!isBlank(stored)) values[field.key] = stored as FormValue;
      continue;
    }
    let raw = own(source, field.key);
    if (field.type === 'switch' && isBlank(raw)) raw = false;
    if (isBlank(raw)) {
      if (isRequired) report(field, [{ say: requiredMessage(field.type) }]);
      continue;
    }
    const result = checkField(field, raw, context);
    if (!result.ok) report(field, result.problems);
    else if (isRequired && (result.value === false || (field.type === 'table' && (result.value as TableRow[]).length === 0))) report(field, [{ say: requiredMessage(field.type) }]);
    else if (!(field.type === 'table' && (result.value as TableRow[]).length === 0)) values[field.key] = result.value;
  }

  for (const rule of form.rules ?? []) {
    if (writable && !writable.has(rule.field) && !writable.has(rule.other)) continue;
    if (rule.when && !evaluateCondition(rule.when, read)) continue;
    if (checkRule(rule, byKey, values)) continue;
    const field = byKey.get(rule.field)!;
    const other = byKey.get(rule.other)!;
    const temporal = field.type === 'date' || field.type === 'time';
    const message = locale === 'en' ? (rule.messageEn ?? sayComparison(labelOf(field, 'en'), rule.op, labelOf(other, 'en'), temporal)) : rule.message;
    // At an approver's step the error goes where the approver can act on it: the writable side.
    const key = writable && !writable.has(rule.field) ? rule.other : rule.field;
    errors.set(key, [...(errors.get(key) ?? []), { key, code: 'rule', message }]);
  }

  // Values and errors in form order, whatever order they were worked out in.
  const ordered: FormValues = {};
  const list: FieldError[] = [];
  for (const field of form.fields) {
    const value = values[field.key];
    if (value !== undefined && (!writable || writable.has(field.key))) ordered[field.key] = value;
    list.push(...(errors.get(field.key) ?? []));
  }
  return { values: ordered, errors: list, visible, required };
}

/**
 * Validates submitted values against a form definition. Used by the H5 before
 * sending and by the server before saving: the one validator of the hall.
 * Unknown keys are dropped; blank optional fields and hidden fields are left
 * out; computed fields are computed.
 */
export function validateForm(form: FormDefinition, input: unknown, options: ValidateOptions): ValidationResult {
  const { values, errors } = evaluateForm(form, input, options);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}
