import type { z } from 'zod';
import { ValidationError } from './errors.js';

/** Parse untrusted input; a failure becomes a ValidationError naming every offending field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, field?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      field: [...(field ? [field] : []), ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
    { cause: result.error },
  );
}
