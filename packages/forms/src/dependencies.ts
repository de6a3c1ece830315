import { conditionFields } from './conditions.ts';
import { formulaReferences, parseFormula, type FormulaNode } from './formula.ts';
import type { FormField } from './schema.ts';

/**
 * Which fields a field reads: its visibility and required conditions and,
 * for a computed field, its formula. Fields are evaluated in an order where
 * every field comes after what it reads, so a condition sees final values.
 */

const parsed = new Map<string, FormulaNode | null>();

/** The parsed formula, or null when it does not parse (refused by formSchema; a raw definition may still carry it). */
export function cachedFormula(formula: string): FormulaNode | null {
  let node = parsed.get(formula);
  if (node === undefined) {
    try {
      node = parseFormula(formula);
    } catch {
      node = null;
    }
    // Formulas are few and fixed per definition; the bound only stops a leak.
    if (parsed.size > 1000) parsed.clear();
    parsed.set(formula, node);
  }
  return node;
}

/** The keys of the top-level fields `field` reads. */
export function fieldDependencies(field: FormField): string[] {
  const keys: string[] = [];
  if ('visibleWhen' in field && field.visibleWhen) keys.push(...conditionFields(field.visibleWhen));
  if ('requiredWhen' in field && field.requiredWhen) keys.push(...conditionFields(field.requiredWhen));
  if (field.type === 'computed') {
    const node = cachedFormula(field.formula);
    if (node) {
      const refs = formulaReferences(node);
      keys.push(...refs.fields, ...refs.days, ...refs.sums.map((s) => s.table));
    }
  }
  return [...new Set(keys)];
}

/**
 * Fields in evaluation order: each after the fields it reads, otherwise in
 * form order. `cycle` names a circular chain (a → b → a) when there is one;
 * its fields then keep their form order, so evaluation stays total.
 */
export function evaluationOrder(fields: readonly FormField[]): { order: FormField[]; cycle: string[] | null } {
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const order: FormField[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  let cycle: string[] | null = null;
  const visit = (field: FormField, path: string[]) => {
    const seen = state.get(field.key);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      cycle ??= [...path.slice(path.indexOf(field.key)), field.key];
      return;
    }
    state.set(field.key, 'visiting');
    for (const key of fieldDependencies(field)) {
      const dependency = byKey.get(key);
      if (dependency && dependency !== field) visit(dependency, [...path, field.key]);
      else if (dependency === field) cycle ??= [field.key, field.key];
    }
    state.set(field.key, 'done');
    order.push(field);
  };
  for (const field of fields) visit(field, []);
  return { order, cycle };
}
