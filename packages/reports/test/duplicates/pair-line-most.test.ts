import type { DealRecord } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generate } from '../../../../bench/duplicates-data.js';
import { basketWeight } from '../../src/duplicates/basket.js';
import { readsCoOccurrence } from '../../src/duplicates/line-reading.js';
import { metByLine } from '../../src/duplicates/met-by-line.js';
import { dealFields, toRecord } from './deal-arbitraries.js';
import { columnsOf } from './scan-columns-of.js';

/** Every pair's bound against the matcher's weight; how many pairs it put below the columns' bound by 2 bits or more. */
function checkPairs(
  records: readonly DealRecord[],
  step = 1,
): { pairs: number; lowered: number; byLine: number } {
  const { deals, stats, columns } = columnsOf(records);
  expect(readsCoOccurrence(stats)).toBe(true);
  let pairs = 0;
  let lowered = 0;
  let byLine = 0;
  for (let i = 0; i < deals.length; i += step)
    for (let j = i + 1; j < deals.length; j++) {
      const [x, y] = [deals[i]!, deals[j]!];
      const line = metByLine(x, y);
      const bound = columns.pairBasketBound(i, j, line);
      expect(bound).toBeGreaterThanOrEqual(basketWeight(x, y, stats, line).weight);
      pairs++;
      if (line) byLine++;
      if (bound < columns.basketBound(i, j) - 2) lowered++;
    }
  return { pairs, lowered, byLine };
}

describe("the later stages' basket bound from the two deals' shared lines (pair-further.ts)", () => {
  it('is never below the weight the matcher gives, over generated corpora', () => {
    // Few SKUs, categories and quantities: pairs share lines, siblings and kits, in near quantities or not.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        checkPairs(fc.sample(dealFields, { seed, numRuns: 120 }).map(toRecord));
      }),
      { numRuns: 5 },
    );
  }, 120_000);

  it('holds on bench data, pairs met by a line alone included, and is well below the columns’ bound for many', () => {
    const { pairs, lowered, byLine } = checkPairs(generate(600, 7).records, 2);
    expect(byLine).toBeGreaterThan(pairs / 2);
    expect(lowered / pairs).toBeGreaterThan(0.1);
  }, 120_000);
});
