import type { Compilable } from 'kysely';
import type { AnyRow } from '../any-db.js';
import { executeCached } from '../records/compiled-cache.js';
import type { StoreContext } from '../records/store-context.js';
import { rowValues } from './row-values.js';

/**
 * Statement sizes, largest first, that add up to `count`: full statements of `largest` rows, then
 * one per power of two left over. So any count is written with at most a dozen SQL texts.
 */
export function powerOfTwoRuns(count: number, largest: number): number[] {
  const runs: number[] = [];
  let left = count;
  for (; left >= largest; left -= largest) runs.push(largest);
  for (let size = 2 ** Math.floor(Math.log2(Math.max(1, left))); left > 0; size /= 2) {
    if (size <= left) {
      runs.push(size);
      left -= size;
    }
  }
  return runs;
}

/**
 * Writes `rows` in multi-row statements of the sizes `powerOfTwoRuns` gives, each SQL text built
 * and prepared once (`executeCached`): building a 1,000-row INSERT with Kysely costs more than
 * SQLite running it, and a statement per remainder size would keep evicting prepared statements.
 * Every row must list the same columns in the same order (the parameters are the rows' values).
 */
export async function writeRows(
  ctx: StoreContext,
  shape: string,
  rows: readonly AnyRow[],
  largest: number,
  build: (part: readonly AnyRow[]) => Compilable<unknown>,
): Promise<void> {
  let start = 0;
  for (const size of powerOfTwoRuns(rows.length, largest)) {
    const part = rows.slice(start, start + size);
    start += size;
    await executeCached(ctx, `${shape}:${size}`, rowValues(part), () => build(part));
  }
}
