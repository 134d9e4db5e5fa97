import { type FieldIssue, fieldIssue, ValidationError } from './errors.js';
import { sayInput } from './input-messages.js';

/**
 * The rules every public argument obeys before any schema sees it, in one place (docs/input.md):
 * - text is well-formed UTF-16: a lone surrogate cannot be stored verbatim by every engine and
 *   column (PostgreSQL and SQLite's text functions replace it with U+FFFD), so it is refused;
 * - no symbol anywhere (no schema accepts one, and string conversion of a symbol throws);
 * - no key named `__proto__` (JSON.parse makes it an own key; zod drops it without a word, so a
 *   custom field or a list filter by that name would be silently ignored instead of refused);
 * - a bounded depth, so a self-referencing object is refused instead of walked forever.
 */
const MAX_DEPTH = 32;

/** No unpaired surrogate: the regular expression where the runtime lacks the method (ES2024). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
type WellFormedText = string & { isWellFormed?: () => boolean };
// The built-in answers a one-byte string (any id, most text) without looking at it; the regular
// expression ran on every string of every argument, the actor's included (~2 k instructions an advance).
const isWellFormed: (text: string) => boolean =
  typeof ('' as WellFormedText).isWellFormed === 'function'
    ? (text) => (text as WellFormedText).isWellFormed!()
    : (text) => !LONE_SURROGATE.test(text);

type Issue = FieldIssue;

/**
 * Walks one argument. The path is a stack pushed and popped as the walk goes (every command walks
 * its whole input, the actor's record included) and joined only when an issue is found. `seen`
 * holds the objects on the path: an array, as the path is at most MAX_DEPTH deep (a Set was made
 * for every argument of every call).
 */
function check(value: unknown, path: (string | number)[], seen: object[]): Issue | null {
  if (typeof value === 'string') {
    return isWellFormed(value) ? null : fieldIssue(path.join('.'), sayInput('input.guard.loneSurrogate'));
  }
  if (typeof value === 'symbol') return fieldIssue(path.join('.'), sayInput('input.guard.symbol'));
  if (typeof value !== 'object' || value === null || value instanceof Date) return null;
  if (seen.includes(value) || path.length > MAX_DEPTH)
    return fieldIssue(path.join('.'), sayInput('input.guard.tooDeep'));
  seen.push(value);
  if (Object.getOwnPropertySymbols(value).length > 0)
    return fieldIssue(path.join('.'), sayInput('input.guard.symbolKeys'));
  const isArray = Array.isArray(value);
  for (const key of Object.keys(value)) {
    path.push(isArray ? Number(key) : key);
    const issue = !isWellFormed(key)
      ? fieldIssue(path.join('.'), sayInput('input.guard.keyLoneSurrogate'))
      : key === '__proto__'
        ? fieldIssue(path.join('.'), sayInput('input.guard.protoKey'))
        : check((value as Record<string, unknown>)[key], path, seen);
    path.pop();
    if (issue) return issue;
  }
  seen.pop();
  return null;
}

/**
 * Refuse any argument of a public call that breaks the rules above. The acting user is named
 * `actor`; an object argument's fields by their path inside it (like a schema's issues); another
 * scalar argument as `arguments.<i>`.
 */
export function guardArguments(args: readonly unknown[], actorFirst = true): void {
  const seen: object[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    // A string argument (an id) has nothing to walk: the common case costs no path.
    if (typeof arg === 'string' && !(actorFirst && i === 0) && isWellFormed(arg)) continue;
    const root =
      actorFirst && i === 0
        ? ['actor']
        : typeof arg === 'object' && arg !== null && !Array.isArray(arg)
          ? []
          : ['arguments', i];
    const issue = check(arg, root, seen);
    if (issue) throw new ValidationError([{ ...issue, field: issue.field || `arguments.${i}` }]);
  }
}
