import type { z } from 'zod';
import { closestKey, knownKeysAt } from './did-you-mean.js';
import { ValidationError } from './errors.js';

/** Parse untrusted input; a failure becomes a ValidationError naming every offending field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, field?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const at = (path: readonly PropertyKey[]) => [...(field ? [field] : []), ...path.map(String)].join('.');
  throw new ValidationError(
    result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => unknownKey(schema, issue.path, key, at))
        : [{ field: at(issue.path), message: issue.message }],
    ),
    { cause: result.error },
  );
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
): { field: string; message: string } {
  const guess = closestKey(key, knownKeysAt(schema, path));
  return {
    field: at([...path, key]),
    message: guess ? `unknown key '${key}' — did you mean '${guess}'?` : `unknown key '${key}'`,
  };
}
