import type { IntlMessageFormat } from 'intl-messageformat';

type AstNode = ReturnType<IntlMessageFormat['getAst']>[number];
type Values = Readonly<Record<string, string | number>>;
type Piece = (values: Values, pluralValue: number | undefined) => string;

/** Thrown inside a formatter for a case `intl-messageformat` would treat oddly: the caller formats with it. */
const UNSUPPORTED = Symbol('unsupported');

// The parser's element types (`@formatjs/icu-messageformat-parser` TYPE).
const LITERAL = 0;
const ARGUMENT = 1;
const SELECT = 5;
const PLURAL = 6;
const POUND = 7;

/** Results per integer kept by one formatter: plural counts in messages are few (days, minutes). */
const MEMO_LIMIT = 256;

/**
 * `compute`, remembered for integers (never -0, whose sign Intl may read): `Intl.PluralRules.select`
 * and `Intl.NumberFormat.format` were a third of a reminder text's render, for a handful of values.
 * Anything else is computed each time, so the result is always what `compute` returns.
 */
function memoByInteger<T>(compute: (n: number) => T): (n: number) => T {
  const known = new Map<number, T>();
  return (n) => {
    if (!Number.isInteger(n) || Object.is(n, -0)) return compute(n);
    let out = known.get(n);
    if (out === undefined) {
      out = compute(n);
      if (known.size < MEMO_LIMIT) known.set(n, out);
    }
    return out;
  };
}

/** A value the caller gave; ICU's own handling of a missing or inherited one is left to ICU. */
function given(values: Values, name: string): string | number {
  if (!Object.hasOwn(values, name)) throw UNSUPPORTED;
  return values[name]!;
}

/**
 * A parsed ICU template made of text, plain `{arguments}`, `plural` (with `#`) and `select` only,
 * as one closure over its parts: what `IntlMessageFormat.format` does for such a template when
 * every value is a string or a number (the renderer passes nothing else), without its per-call
 * parts arrays, memoised formatter look-ups and merges. A reminder's text is rendered on every
 * write of its subject and ICU formatting was ~4 % of an advance's CPU. Null for any other
 * element (number, date, time skeletons, tags) or a locale Intl refuses; the formatter returns
 * undefined where `intl-messageformat` would fail (an option named by an inherited property, a
 * plural or select without `other`), so the caller falls back to it and keeps its behaviour.
 * Property-tested equal to `IntlMessageFormat.format` over every built-in template.
 */
export function plainFormatter(
  ast: readonly AstNode[],
  locale: string,
): ((values: Values) => string | undefined) | null {
  let numbers: Intl.NumberFormat;
  try {
    numbers = new Intl.NumberFormat(locale);
  } catch {
    return null;
  }
  const formatNumber = memoByInteger((n) => numbers.format(n));
  const compile = (nodes: readonly AstNode[]): Piece | null => {
    const pieces: Piece[] = [];
    for (const node of nodes) {
      const piece = pieceOf(node);
      if (piece === null) return null;
      pieces.push(piece);
    }
    if (pieces.length === 1) return pieces[0]!;
    return (values, pluralValue) => {
      let out = '';
      for (const piece of pieces) out += piece(values, pluralValue);
      return out;
    };
  };
  const branchesOf = (options: Record<string, { value: AstNode[] }>): Map<string, Piece> | null => {
    const branches = new Map<string, Piece>();
    for (const [key, option] of Object.entries(options)) {
      const piece = compile(option.value);
      if (piece === null) return null;
      branches.set(key, piece);
    }
    return branches;
  };
  const pieceOf = (node: AstNode): Piece | null => {
    const el = node as {
      type: number;
      value?: unknown;
      options?: Record<string, { value: AstNode[] }>;
      offset?: number;
      pluralType?: 'cardinal' | 'ordinal';
    };
    if (el.type === LITERAL) {
      const text = String(el.value);
      return () => text;
    }
    if (el.type === ARGUMENT) {
      const name = String(el.value);
      return (values) => String(given(values, name));
    }
    if (el.type === POUND)
      return (_, pluralValue) => (typeof pluralValue === 'number' ? formatNumber(pluralValue) : '');
    if (el.type === SELECT && el.options !== undefined) {
      const name = String(el.value);
      const options = el.options;
      const branches = branchesOf(options);
      if (branches === null) return null;
      return (values) => {
        const value = given(values, name);
        // As `options[value] || options.other`, with an inherited property name left to ICU.
        let branch = Object.hasOwn(options, value as string) ? branches.get(String(value)) : undefined;
        if (branch === undefined) {
          if ((options as Record<string, unknown>)[value as string]) throw UNSUPPORTED;
          branch = branches.get('other');
        }
        if (branch === undefined) throw UNSUPPORTED;
        return branch(values, undefined);
      };
    }
    if (el.type === PLURAL && el.options !== undefined) {
      const name = String(el.value);
      const options = el.options;
      const offset = el.offset || 0;
      const branches = branchesOf(options);
      if (branches === null) return null;
      let rules: Intl.PluralRules;
      try {
        rules = new Intl.PluralRules(locale, { type: el.pluralType });
      } catch {
        return null;
      }
      // The branch an exact count picks: `=n` first, else its plural category, else `other`.
      const branchOf = (value: number): Piece | undefined =>
        branches.get(`=${value}`) ?? branches.get(rules.select(value - offset)) ?? branches.get('other');
      const branchOfInteger = memoByInteger(branchOf);
      return (values) => {
        const value = given(values, name) as number;
        const branch = typeof value === 'number' ? branchOfInteger(value) : branchOf(value);
        if (branch === undefined) throw UNSUPPORTED;
        return branch(values, value - offset);
      };
    }
    return null;
  };
  const whole = compile(ast);
  if (whole === null) return null;
  return (values) => {
    try {
      return whole(values, undefined);
    } catch (error) {
      if (error === UNSUPPORTED) return undefined;
      throw error;
    }
  };
}
