import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, divide, fromNumber, multiply, negate, subtract, toFixed, type Rational } from './decimal.ts';
import { evaluateFormula, formulaReferences, FormulaSyntaxError, parseFormula, type FormulaInputs } from './formula.ts';

const values: Record<string, number> = { price: 12.5, qty: 4, zero: 0, a: 0.1, b: 0.2 };
const inputs: FormulaInputs = {
  field: (key) => (Object.hasOwn(values, key) ? fromNumber(values[key]!)! : undefined),
  sum: (table, column) => (table === 'items' && column === 'amount' ? fromNumber(30.3)! : undefined),
  days: (key) => (key === 'leave' ? fromNumber(5)! : undefined),
};
const run = (formula: string, decimals = 4) => {
  const result = evaluateFormula(parseFormula(formula), inputs);
  return result.ok ? toFixed(result.value, decimals) : result.reason;
};

describe('formulas', () => {
  it('follows precedence: × ÷ before + −, left to right, parentheses first', () => {
    expect(run('1 + 2 * 3')).toBe('7.0000');
    expect(run('(1 + 2) * 3')).toBe('9.0000');
    expect(run('10 - 4 - 3')).toBe('3.0000');
    expect(run('100 / 10 / 5')).toBe('2.0000');
    expect(run('2 * 3 + 4 * 5')).toBe('26.0000');
    expect(run('-2 * -3')).toBe('6.0000');
    expect(run('-(1 + 2) * 2')).toBe('-6.0000');
    expect(run('1 - -1')).toBe('2.0000');
    expect(run('+3')).toBe('3.0000');
  });

  it('reads the Chinese operators and full-width parentheses', () => {
    expect(run('（price − 2.5）× qty ÷ 8')).toBe('5.0000');
  });

  it('reads fields, table column sums and date-range days', () => {
    expect(run('price * qty')).toBe('50.0000');
    expect(run('sum(items.amount) / 3', 2)).toBe('10.10');
    expect(run('days(leave) * 100')).toBe('500.0000');
    expect(run('a + b', 2)).toBe('0.30');
    expect(formulaReferences(parseFormula('price * qty + sum(items.amount) - days(leave) * price'))).toEqual({
      fields: ['price', 'qty', 'price'],
      sums: [{ table: 'items', column: 'amount' }],
      days: ['leave'],
    });
  });

  it('reports division by zero and missing operands as reasons, not numbers', () => {
    expect(run('price / zero')).toBe('divisionByZero');
    expect(run('price / (qty - 4)')).toBe('divisionByZero');
    expect(run('price * nothing')).toBe('missing');
    expect(run('days(other)')).toBe('missing');
  });

  it('refuses what is not a formula, with the position', () => {
    const refuse = (formula: string) => {
      try {
        parseFormula(formula);
      } catch (error) {
        expect(error).toBeInstanceOf(FormulaSyntaxError);
        return (error as FormulaSyntaxError).position;
      }
      throw new Error(`parsed: ${formula}`);
    };
    expect(refuse('1 +')).toBe(3);
    expect(refuse('(1 + 2')).toBe(6);
    expect(refuse('1 2')).toBe(2);
    expect(refuse('price ^ 2')).toBe(6);
    expect(refuse('alert(1)')).toBe(0);
    expect(refuse('price; process.exit()')).toBe(5);
    expect(refuse('sum(items)')).toBe(9);
    expect(refuse('')).toBe(0);
    expect(refuse('1'.repeat(501))).toBe(500);
    refuse(`${'('.repeat(40)}1${')'.repeat(40)}`);
    refuse(`${'-'.repeat(40)}1`);
  });

  it('never runs code: names are only field references', () => {
    expect(run('constructor')).toBe('missing');
    expect(run('toString + valueOf')).toBe('missing');
  });

  it('evaluates any expression tree exactly as direct arithmetic does (property)', () => {
    type Tree = { text: string; value: Rational | null };
    const leaf = fc.integer({ min: -1000, max: 1000 }).map((n): Tree => ({ text: n < 0 ? `(${n})` : String(n), value: fromNumber(n) }));
    const tree = fc.letrec<{ tree: Tree }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.tuple(tie('tree'), fc.constantFrom('+', '-', '*', '/'), tie('tree')).map(([l, op, r]): Tree => {
          const value =
            l.value && r.value ? (op === '+' ? add(l.value, r.value) : op === '-' ? subtract(l.value, r.value) : op === '*' ? multiply(l.value, r.value) : divide(l.value, r.value)) : null;
          return { text: `(${l.text} ${op} ${r.text})`, value };
        }),
        tie('tree').map((t): Tree => ({ text: `-(${t.text})`, value: t.value && negate(t.value) })),
      ),
    })).tree;
    fc.assert(
      fc.property(tree, (t) => {
        const result = evaluateFormula(parseFormula(t.text), inputs);
        if (t.value === null) expect(result).toEqual({ ok: false, reason: 'divisionByZero' });
        else expect(result.ok && result.value).toEqual(t.value);
      }),
    );
  });
});
