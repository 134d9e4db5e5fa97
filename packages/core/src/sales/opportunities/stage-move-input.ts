import type { z } from 'zod';
import { parseInput } from '../../kernel/validate.js';
import { advanceInput } from './opportunity.js';

/**
 * `parseInput(advanceInput, input)` with the usual call, `{ to: 'needs_analysis' }` (a plain
 * object naming only a stage id of 1 to 64 characters with nothing to trim), answered without a
 * zod parse (~1.5 % of an advance). Anything else, `expectedVersion` included, goes through the
 * schema, so its output and its errors are the schema's.
 */
export function parseStageMove(input: unknown): z.output<typeof advanceInput> {
  if (typeof input === 'object' && input !== null && Object.getPrototypeOf(input) === Object.prototype) {
    const keys = Object.keys(input);
    const to = keys.length === 1 && keys[0] === 'to' ? (input as { to: unknown }).to : undefined;
    if (typeof to === 'string' && to.length >= 1 && to.length <= 64 && to.trim() === to) return { to };
  }
  return parseInput(advanceInput, input);
}
