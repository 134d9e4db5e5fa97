import type { z } from 'zod';
import { closestKey, knownKeysAt } from './did-you-mean.js';
import { type FieldIssue, fieldIssue, ValidationError } from './errors.js';
import { sayInput } from './input-messages.js';
import { isDefinedMessage, type Message, message } from './message.js';

/**
 * The input on each issue tells a missing field ("required") from a wrong one ("expected text").
 * `async: false` is what zod's safeParse sets anyway (`{ ...ctx, async: false }`): naming it here
 * makes that spread override a key instead of adding one, so every parse's context shares one
 * hidden class and zod's reads of it hit their caches (see merged.ts).
 */
const PARSE_CONTEXT: z.core.ParseContextInternal<z.core.$ZodIssue> = { reportInput: true, async: false };

/** Parse untrusted input; a failure becomes a ValidationError naming every offending field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, field?: string): z.output<S> {
  const result = schema.safeParse(input, PARSE_CONTEXT);
  if (result.success) return result.data;
  const at = (path: readonly PropertyKey[]) => [...(field ? [field] : []), ...path.map(String)].join('.');
  throw new ValidationError(
    result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => unknownKey(schema, issue.path, key, at))
        : [zodIssueAt(at(issue.path), issue)],
    ),
    { cause: result.error },
  );
}

/**
 * A zod issue as a message. A schema's own sentence is a message key (set with `zodMessage`), its
 * parameters on the issue; any other issue is said by its code, with the limits as parameters.
 */
export function issueMessage(issue: z.core.$ZodIssue): Message | string {
  if (isDefinedMessage(issue.message)) {
    const params = issue.code === 'custom' ? (issue.params ?? {}) : {};
    return message(issue.message, params as Message['params']);
  }
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? sayInput('input.required')
        : sayInput('input.invalidType', { expected: issue.expected });
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string')
        return minimum <= 1 ? sayInput('input.empty') : sayInput('input.tooShort', { minimum });
      if (issue.origin === 'array' || issue.origin === 'set')
        return sayInput('input.tooFewItems', { minimum });
      return sayInput(issue.inclusive === false ? 'input.notAbove' : 'input.tooSmall', { minimum });
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return sayInput('input.tooLong', { maximum });
      if (issue.origin === 'array' || issue.origin === 'set')
        return sayInput('input.tooManyItems', { maximum });
      return sayInput(issue.inclusive === false ? 'input.notBelow' : 'input.tooBig', { maximum });
    }
    case 'invalid_format':
      return sayInput('input.invalidFormat', { format: issue.format });
    case 'invalid_value':
      return issue.values.length === 1
        ? sayInput('input.exactly', { value: String(issue.values[0]) })
        : sayInput('input.oneOf', { values: issue.values.map(String).join(', ') });
    case 'invalid_union':
      return sayInput('input.noFormMatches');
    case 'not_multiple_of':
      return sayInput('input.multipleOf', { divisor: Number(issue.divisor) });
    case 'invalid_key':
      return sayInput('input.invalidKey');
    case 'invalid_element':
      return sayInput('input.invalidElement');
    default:
      // A refinement whose sentence is not a key: kept as written (the source scan keeps these out).
      return issue.message || sayInput('input.invalid');
  }
}

/** A zod issue as a field issue at `field`: keyed when it has a key, as written otherwise. */
export function zodIssueAt(field: string, issue: z.core.$ZodIssue): FieldIssue {
  const problem = issueMessage(issue);
  return typeof problem === 'string' ? { field, message: problem } : fieldIssue(field, problem);
}

/**
 * Input is strict (docs/input.md): an unknown key is refused by its own path, never dropped, with
 * the known key it most likely meant.
 */
function unknownKey(
  schema: z.ZodType,
  path: readonly PropertyKey[],
  key: string,
  at: (path: readonly PropertyKey[]) => string,
): FieldIssue {
  const guess = closestKey(key, knownKeysAt(schema, path));
  return fieldIssue(
    at([...path, key]),
    guess ? sayInput('input.unknownKeyDidYouMean', { key, guess }) : sayInput('input.unknownKey', { key }),
  );
}
