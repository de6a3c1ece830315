/**
 * Author-written patterns, made safe to run on every submission. A regular
 * expression can take exponential time ("catastrophic backtracking") on a
 * crafted value, and both the server and the phone run it, so:
 *  - the pattern is short (PATTERN_MAX_LENGTH) and compiled with the `u` flag;
 *  - repetition of something that itself varies in length or alternates, `(a+)+`,
 *    `(a|ab)*`, and back-references are refused when the form is published;
 *  - values longer than PATTERN_MAX_INPUT are never tested (the field's own
 *    maxLength is lower anyway).
 * The pattern must match the whole value: it is run as ^(?:pattern)$.
 */
export const PATTERN_MAX_LENGTH = 200;
export const PATTERN_MAX_INPUT = 200;

/** What a group holds: a part of variable length (a?, a+, a{1,3}) or alternatives. */
interface Frame {
  varies: boolean;
  alternates: boolean;
}

/** The quantifier at i: `varies` when it matches a variable count, `repeats` when more than once. */
function quantifierAt(source: string, i: number): { length: number; varies: boolean; repeats: boolean } | null {
  const c = source[i];
  if (c === '*' || c === '+') return { length: 1, varies: true, repeats: true };
  if (c === '?') return { length: 1, varies: true, repeats: false };
  const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
  if (!braces) return null;
  const min = Number(braces[1]);
  const max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3]);
  return { length: braces[0].length, varies: max !== min, repeats: max > 1 };
}

/** Why a pattern is refused, or null when it may be used. */
export function checkPattern(source: string): string | null {
  if (source.length === 0 || source.length > PATTERN_MAX_LENGTH) return `a pattern has 1 to ${PATTERN_MAX_LENGTH} characters`;
  try {
    new RegExp(source, 'u');
  } catch (error) {
    return `not a valid regular expression: ${(error as Error).message}`;
  }
  const stack: Frame[] = [{ varies: false, alternates: false }];
  let closed: Frame | null = null; // the group just closed, when the next character may quantify it
  for (let i = 0; i < source.length; ) {
    const c = source[i]!;
    const top = stack[stack.length - 1]!;
    const quantifier = quantifierAt(source, i);
    if (quantifier && i > 0) {
      // (a+)+ or (a|ab)*: a value can be split between the repetitions in exponentially many ways.
      if (closed && quantifier.repeats && (closed.varies || closed.alternates)) return 'repeats a group that itself varies in length or has alternatives, which can take exponential time; simplify it';
      if (quantifier.varies) top.varies = true;
      i += quantifier.length + (source[i + quantifier.length] === '?' ? 1 : 0);
      closed = null;
      continue;
    }
    closed = null;
    if (c === '\\') {
      if (/[1-9k]/.test(source[i + 1] ?? '')) return 'back-references are not allowed';
      i += 2;
    } else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      i++;
    } else if (c === '(') {
      stack.push({ varies: false, alternates: false });
      const prefix = /^\(\?(?::|=|!|<=|<!|<[A-Za-z][A-Za-z0-9]*>)/.exec(source.slice(i));
      i += prefix ? prefix[0].length : 1;
    } else if (c === ')') {
      const frame = stack.pop()!;
      const parent = stack[stack.length - 1]!;
      // What varies or alternates inside a group does so inside its parent too.
      parent.varies ||= frame.varies;
      parent.alternates ||= frame.alternates;
      closed = frame;
      i++;
    } else {
      if (c === '|') top.alternates = true;
      i++;
    }
  }
  return null;
}

const compiled = new Map<string, RegExp>();

/**
 * Whether `value` matches a pattern that passed checkPattern. A value longer
 * than PATTERN_MAX_INPUT does not match; a pattern that fails to compile
 * (a definition that skipped formSchema) matches nothing.
 */
export function matchesPattern(source: string, value: string): boolean {
  if (value.length > PATTERN_MAX_INPUT) return false;
  let regex = compiled.get(source);
  if (!regex) {
    try {
      regex = new RegExp(`^(?:${source})$`, 'u');
    } catch {
      return false;
    }
    // A handful of forms use patterns; the bound only stops a leak from ever-new sources.
    if (compiled.size > 500) compiled.clear();
    compiled.set(source, regex);
  }
  return regex.test(value);
}
