import { add, divide, multiply, negate, parseDecimal, subtract, type Rational } from './decimal.ts';

/**
 * The formula of a computed field: a small arithmetic language, parsed into a
 * tree and evaluated with exact fractions; never eval, never Function.
 *
 *   formula := term (('+' | '-' | '−') term)*
 *   term    := unary (('*' | '×' | '/' | '÷') unary)*
 *   unary   := ('-' | '−' | '+') unary | primary
 *   primary := number | field | 'sum(' table '.' column ')' | 'days(' field ')' | '(' formula ')'
 *
 * `field` names a number, money or computed field; `sum` adds a number or
 * money column of a detail table; `days` is a date range's inclusive days.
 */
export type FormulaNode =
  | { kind: 'number'; value: Rational }
  | { kind: 'field'; key: string }
  | { kind: 'sum'; table: string; column: string }
  | { kind: 'days'; key: string }
  | { kind: 'negate'; operand: FormulaNode }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: FormulaNode; right: FormulaNode };

export const FORMULA_MAX_LENGTH = 500;
// Deep enough for any real formula, shallow enough that recursion cannot exhaust the stack.
const MAX_DEPTH = 32;

export class FormulaSyntaxError extends Error {
  /** 0-based index into the formula text. */
  readonly position: number;
  constructor(message: string, position: number) {
    super(`${message} (at ${position + 1})`);
    this.position = position;
  }
}

type Token = { type: 'number' | 'name' | 'op'; text: string; at: number };

const SYMBOLS: Record<string, string> = { '+': '+', '-': '-', '−': '-', '*': '*', '×': '*', '/': '/', '÷': '/', '(': '(', ')': ')', '（': '(', '）': ')', '.': '.' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s+|(\d+(?:\.\d+)?)|([A-Za-z][A-Za-z0-9_]*)|(.)/gsu;
  for (const match of text.matchAll(pattern)) {
    const at = match.index;
    if (match[1] !== undefined) tokens.push({ type: 'number', text: match[1], at });
    else if (match[2] !== undefined) tokens.push({ type: 'name', text: match[2], at });
    else if (match[3] !== undefined) {
      const symbol = SYMBOLS[match[3]];
      if (!symbol) throw new FormulaSyntaxError(`unexpected "${match[3]}"`, at);
      tokens.push({ type: 'op', text: symbol, at });
    }
  }
  return tokens;
}

/** Parses a formula; throws FormulaSyntaxError with the position of the problem. */
export function parseFormula(text: string): FormulaNode {
  if (text.length > FORMULA_MAX_LENGTH) throw new FormulaSyntaxError(`longer than ${FORMULA_MAX_LENGTH} characters`, FORMULA_MAX_LENGTH);
  const tokens = tokenize(text);
  let index = 0;
  const peek = () => tokens[index];
  const fail = (message: string): never => {
    throw new FormulaSyntaxError(message, peek()?.at ?? text.length);
  };
  const expectOp = (symbol: string) => {
    const token = peek();
    if (token?.type !== 'op' || token.text !== symbol) fail(`expected "${symbol}"`);
    index++;
  };
  const expectName = (): string => {
    const token = peek();
    if (token?.type !== 'name') return fail('expected a field key');
    index++;
    return token.text;
  };

  const formula = (depth: number): FormulaNode => {
    if (depth > MAX_DEPTH) fail('nested too deeply');
    let node = term(depth);
    for (let token = peek(); token?.type === 'op' && (token.text === '+' || token.text === '-'); token = peek()) {
      index++;
      node = { kind: 'binary', op: token.text as '+' | '-', left: node, right: term(depth) };
    }
    return node;
  };
  const term = (depth: number): FormulaNode => {
    let node = unary(depth);
    for (let token = peek(); token?.type === 'op' && (token.text === '*' || token.text === '/'); token = peek()) {
      index++;
      node = { kind: 'binary', op: token.text as '*' | '/', left: node, right: unary(depth) };
    }
    return node;
  };
  const unary = (depth: number): FormulaNode => {
    const token = peek();
    if (token?.type === 'op' && (token.text === '-' || token.text === '+')) {
      if (depth > MAX_DEPTH) fail('nested too deeply');
      index++;
      const operand = unary(depth + 1);
      return token.text === '-' ? { kind: 'negate', operand } : operand;
    }
    return primary(depth);
  };
  const primary = (depth: number): FormulaNode => {
    const token = peek();
    if (!token) return fail('formula ends too early');
    index++;
    if (token.type === 'number') return { kind: 'number', value: parseDecimal(token.text)! };
    if (token.type === 'op' && token.text === '(') {
      const inner = formula(depth + 1);
      expectOp(')');
      return inner;
    }
    if (token.type === 'name') {
      const next = peek();
      if (!(next?.type === 'op' && next.text === '(')) return { kind: 'field', key: token.text };
      index++;
      let node: FormulaNode;
      if (token.text === 'sum') {
        const table = expectName();
        expectOp('.');
        node = { kind: 'sum', table, column: expectName() };
      } else if (token.text === 'days') node = { kind: 'days', key: expectName() };
      else throw new FormulaSyntaxError(`unknown function "${token.text}" (sum and days are known)`, token.at);
      expectOp(')');
      return node;
    }
    throw new FormulaSyntaxError(`unexpected "${token.text}"`, token.at);
  };

  const node = formula(0);
  if (index < tokens.length) fail(`unexpected "${peek()!.text}"`);
  return node;
}

/** What a formula reads: plain fields, table columns it sums and date ranges it counts. */
export interface FormulaReferences {
  fields: string[];
  sums: { table: string; column: string }[];
  days: string[];
}

export function formulaReferences(node: FormulaNode, into: FormulaReferences = { fields: [], sums: [], days: [] }): FormulaReferences {
  switch (node.kind) {
    case 'field':
      into.fields.push(node.key);
      break;
    case 'sum':
      into.sums.push({ table: node.table, column: node.column });
      break;
    case 'days':
      into.days.push(node.key);
      break;
    case 'negate':
      formulaReferences(node.operand, into);
      break;
    case 'binary':
      formulaReferences(node.left, into);
      formulaReferences(node.right, into);
      break;
  }
  return into;
}

/** How a formula reads the form: undefined where a value is missing (blank or hidden). */
export interface FormulaInputs {
  field(key: string): Rational | undefined;
  sum(table: string, column: string): Rational | undefined;
  days(key: string): Rational | undefined;
}

export type FormulaResult = { ok: true; value: Rational } | { ok: false; reason: 'missing' | 'divisionByZero' };

class Stop {
  readonly reason: 'missing' | 'divisionByZero';
  constructor(reason: 'missing' | 'divisionByZero') {
    this.reason = reason;
  }
}

/**
 * Evaluates a parsed formula. A missing operand makes the whole result
 * missing (the computed field stays blank) rather than counting as zero:
 * "price × quantity" with no quantity is unknown, not 0.
 */
export function evaluateFormula(node: FormulaNode, inputs: FormulaInputs): FormulaResult {
  const need = (value: Rational | undefined | null, reason: 'missing' | 'divisionByZero'): Rational => {
    if (!value) throw new Stop(reason);
    return value;
  };
  const run = (n: FormulaNode): Rational => {
    switch (n.kind) {
      case 'number':
        return n.value;
      case 'field':
        return need(inputs.field(n.key), 'missing');
      case 'sum':
        return need(inputs.sum(n.table, n.column), 'missing');
      case 'days':
        return need(inputs.days(n.key), 'missing');
      case 'negate':
        return negate(run(n.operand));
      case 'binary': {
        const left = run(n.left);
        const right = run(n.right);
        if (n.op === '+') return add(left, right);
        if (n.op === '-') return subtract(left, right);
        if (n.op === '*') return multiply(left, right);
        return need(divide(left, right), 'divisionByZero');
      }
    }
  };
  try {
    return { ok: true, value: run(node) };
  } catch (error) {
    if (error instanceof Stop) return { ok: false, reason: error.reason };
    throw error;
  }
}
