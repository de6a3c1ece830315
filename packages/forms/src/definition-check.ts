import { conditionFields, type FieldCondition } from './conditions.ts';
import { evaluationOrder } from './dependencies.ts';
import { FormulaSyntaxError, formulaReferences, parseFormula } from './formula.ts';
import { parseMoney } from './money.ts';
import { checkPattern } from './pattern.ts';
import type { CrossFieldRule, FormField, TableColumn } from './schema.ts';

/**
 * The checks of a definition that look across fields, run when a form is
 * published (formSchema's refinement): unique keys, references that exist
 * and have the right type, no circular formulas or conditions, safe
 * patterns, consistent bounds, prefill sources that fit the field.
 */
export interface DefinitionProblem {
  path: (string | number)[];
  message: string;
}

type AnyField = FormField | TableColumn;

const NUMERIC = new Set(['number', 'money', 'computed']);
/** What a cross-field rule may compare: numbers with numbers, days with days, times with times. */
const KIND: Record<string, string> = { number: 'numeric', money: 'numeric', computed: 'numeric', date: 'date', time: 'time' };

const PREFILL_TYPES: Record<string, readonly string[]> = {
  'person.name': ['text'],
  'person.number': ['text'],
  'person.class': ['text'],
  'person.department': ['text', 'department'],
  'person.phone': ['text', 'phone'],
};

function checkBounds(field: AnyField, at: (string | number)[], problems: DefinitionProblem[]) {
  const refuse = (message: string) => problems.push({ path: at, message });
  if ((field.type === 'text' || field.type === 'textarea') && field.minLength !== undefined && field.minLength > field.maxLength) refuse('minLength is greater than maxLength');
  if ((field.type === 'number' || field.type === 'money') && field.min !== undefined && field.max !== undefined && field.min > field.max) refuse('min is greater than max');
  if (field.type === 'money') {
    for (const bound of [field.min, field.max]) if (bound !== undefined && !parseMoney(bound).ok) refuse(`money bound ${bound} has more than 2 decimals or is too large`);
  }
  if ((field.type === 'date' || field.type === 'dateRange' || field.type === 'time') && field.min && field.max && field.min !== 'today' && field.max !== 'today' && field.min > field.max) refuse('min is after max');
  if ('options' in field) {
    const values = field.options.map((option) => option.value);
    if (new Set(values).size !== values.length) refuse('two options have the same value');
  }
  if ((field.type === 'multiSelect' || field.type === 'checkbox') && field.minItems !== undefined && field.maxItems !== undefined && field.minItems > field.maxItems) refuse('minItems is greater than maxItems');
  if ((field.type === 'attachment' || field.type === 'image') && field.minFiles !== undefined && field.minFiles > field.maxFiles) refuse('minFiles is greater than maxFiles');
  if (field.type === 'table' && field.minRows !== undefined && field.minRows > field.maxRows) refuse('minRows is greater than maxRows');
  if (field.type === 'text' && field.pattern) {
    const problem = checkPattern(field.pattern.regex);
    if (problem) problems.push({ path: [...at, 'pattern', 'regex'], message: problem });
  }
}

/** Every cross-field problem of a definition; empty when it may be published. */
export function checkFormDefinition(form: { fields: readonly FormField[]; rules?: readonly CrossFieldRule[] | undefined }): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const byKey = new Map<string, FormField>();
  for (const [i, field] of form.fields.entries()) {
    if (byKey.has(field.key)) problems.push({ path: ['fields', i, 'key'], message: `duplicate field key ${field.key}` });
    else byKey.set(field.key, field);
  }

  const needCondition = (condition: FieldCondition, at: (string | number)[], self?: string) => {
    for (const key of conditionFields(condition)) {
      const target = byKey.get(key);
      if (!target) problems.push({ path: at, message: `names field "${key}", which the form does not have` });
      else if (target.type === 'description') problems.push({ path: at, message: `names "${key}", a description, which has no value` });
      else if (key === self) problems.push({ path: at, message: `depends on its own field "${key}"` });
    }
    const walk = (c: FieldCondition) => {
      if ('all' in c) c.all.forEach(walk);
      else if ('any' in c) c.any.forEach(walk);
      else if ('not' in c) walk(c.not);
      else if (c.op !== 'empty' && c.op !== 'notEmpty' && c.value === undefined) problems.push({ path: at, message: `"${c.op}" on "${c.field}" needs a value` });
    };
    walk(condition);
  };

  for (const [i, field] of form.fields.entries()) {
    const at = ['fields', i];
    checkBounds(field, at, problems);
    if (field.type === 'table') {
      const keys = new Set<string>();
      for (const [j, column] of field.columns.entries()) {
        if (keys.has(column.key)) problems.push({ path: [...at, 'columns', j, 'key'], message: `duplicate column key ${column.key} in table ${field.key}` });
        keys.add(column.key);
        checkBounds(column, [...at, 'columns', j], problems);
      }
    }
    if ('visibleWhen' in field && field.visibleWhen) needCondition(field.visibleWhen, [...at, 'visibleWhen'], field.key);
    if ('requiredWhen' in field && field.requiredWhen) needCondition(field.requiredWhen, [...at, 'requiredWhen'], field.key);
    if ('prefill' in field && field.prefill) {
      const fits = field.prefill === 'last' ? field.type !== 'signature' : PREFILL_TYPES[field.prefill]!.includes(field.type);
      if (!fits) problems.push({ path: [...at, 'prefill'], message: `a ${field.type} field cannot be prefilled from ${field.prefill}` });
    }
    if (field.type === 'computed') checkFormula(field.formula, [...at, 'formula'], byKey, problems);
  }

  for (const [i, rule] of (form.rules ?? []).entries()) {
    const at = ['rules', i];
    const left = byKey.get(rule.field);
    const right = byKey.get(rule.other);
    if (!left || !right) {
      problems.push({ path: at, message: `names field "${left ? rule.other : rule.field}", which the form does not have` });
      continue;
    }
    const kind = KIND[left.type];
    if (!kind || kind !== KIND[right.type]) problems.push({ path: at, message: `cannot compare ${left.type} "${left.key}" with ${right.type} "${right.key}"` });
    if (rule.when) needCondition(rule.when, [...at, 'when']);
  }

  const { cycle } = evaluationOrder(form.fields);
  if (cycle) problems.push({ path: ['fields'], message: `circular dependency: ${cycle.join(' → ')}` });
  return problems;
}

function checkFormula(formula: string, at: (string | number)[], byKey: Map<string, FormField>, problems: DefinitionProblem[]) {
  let refs;
  try {
    refs = formulaReferences(parseFormula(formula));
  } catch (error) {
    if (!(error instanceof FormulaSyntaxError)) throw error;
    problems.push({ path: at, message: `formula: ${error.message}` });
    return;
  }
  const refuse = (message: string) => problems.push({ path: at, message: `formula: ${message}` });
  for (const key of refs.fields) {
    const target = byKey.get(key);
    if (!target) refuse(`unknown field "${key}"`);
    else if (!NUMERIC.has(target.type)) refuse(`"${key}" is a ${target.type} field; only number, money and computed fields can be used${target.type === 'dateRange' ? ' (use days(' + key + '))' : target.type === 'table' ? ' (use sum(' + key + '.column))' : ''}`);
  }
  for (const key of refs.days) {
    const target = byKey.get(key);
    if (!target) refuse(`unknown field "${key}"`);
    else if (target.type !== 'dateRange') refuse(`days() needs a date range, "${key}" is a ${target.type} field`);
  }
  for (const { table, column } of refs.sums) {
    const target = byKey.get(table);
    if (!target) refuse(`unknown field "${table}"`);
    else if (target.type !== 'table') refuse(`sum() needs a table column, "${table}" is a ${target.type} field`);
    else {
      const col = target.columns.find((c) => c.key === column);
      if (!col) refuse(`table "${table}" has no column "${column}"`);
      else if (col.type !== 'number' && col.type !== 'money') refuse(`column "${table}.${column}" is not a number or money column`);
    }
  }
}
