import { parseInput } from '../kernel/validate.js';
import { idSchema } from './common.js';

/**
 * `parseInput(idSchema, input)`, the usual id (text of 1 to 100 characters with nothing to trim)
 * answered without a zod parse: every command that loads a record by id ran one, ~1 % of an
 * advance. Anything else goes through the schema, so its errors are the schema's.
 */
export function parseId(input: unknown): string {
  if (typeof input === 'string' && input.length >= 1 && input.length <= 100 && input.trim() === input)
    return input;
  return parseInput(idSchema, input);
}
