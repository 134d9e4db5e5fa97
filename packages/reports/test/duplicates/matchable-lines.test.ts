import { DealDuplicateEngine, type DealRecord } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generate } from '../../../../bench/duplicates-data.js';
import { basketBoundOf, basketSurprise, basketWeight } from '../../src/duplicates/basket.js';
import { readsCoOccurrence } from '../../src/duplicates/line-reading.js';
import { DealPreparer } from '../../src/duplicates/prepared-deal.js';
import { ScanColumns } from '../../src/duplicates/scan-columns.js';
import { dealFields, toRecord } from './deal-arbitraries.js';

/** The scan's columns over a corpus, with the weights the engine estimated (lines read by co-occurrence). */
function columnsOf(records: readonly DealRecord[]) {
  const engine = new DealDuplicateEngine(records);
  engine.weights();
  const preparer = new DealPreparer();
  const deals = records.map((r) => preparer.prepare(r));
  return { deals, stats: engine.stats, columns: new ScanColumns(deals, engine.stats) };
}

describe("the scan's basket bound from the lines behind shared tokens (matchable-lines.ts)", () => {
  it('is never below the weight the matcher gives, over generated corpora', () => {
    // Few SKUs, categories and quantities (195 / 200 / 210: near, in one band or not), so pairs share
    // lines, siblings and kits often; a bound below the matcher would drop a pair the scan must keep.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const records = fc.sample(dealFields, { seed, numRuns: 120 }).map(toRecord);
        const { deals, stats, columns } = columnsOf(records);
        expect(readsCoOccurrence(stats)).toBe(true);
        for (let i = 0; i < deals.length; i++)
          for (let j = i + 1; j < deals.length; j++) {
            const weight = basketWeight(deals[i]!, deals[j]!, stats).weight;
            expect(columns.basketBound(i, j)).toBeGreaterThanOrEqual(weight);
          }
      }),
      { numRuns: 5 },
    );
  }, 120_000);

  it('holds on bench data, and is well below the rarest line for pairs sharing one SKU', () => {
    const records = generate(600, 7).records;
    const { deals, stats, columns } = columnsOf(records);
    let sharingOne = 0;
    let lowered = 0;
    for (let i = 0; i < deals.length; i += 2)
      for (let j = i + 1; j < deals.length; j++) {
        const [x, y] = [deals[i]!, deals[j]!];
        const bound = columns.basketBound(i, j);
        expect(bound).toBeGreaterThanOrEqual(basketWeight(x, y, stats).weight);
        const skus = new Set(x.items.map((l) => l.sku));
        const shared = y.items.filter((l) => skus.has(l.sku)).length;
        if (shared !== 1 || x.signature === y.signature || x.items.length < 3 || y.items.length < 3) continue;
        sharingOne++;
        // The least the bound was before the token figures, with the rarest line of either deal as
        // the first match: one line matched, every other unmatched.
        const [a, b] = [basketSurprise(x, stats), basketSurprise(y, stats)];
        const rarest = basketBoundOf(
          x.items.length,
          y.items.length,
          a.best,
          b.best,
          a.further,
          b.further,
          1,
          1,
        );
        if (bound < rarest - 2) lowered++;
      }
    // Otherwise different baskets sharing one popular SKU: the partners' cap bounds the first line.
    expect(sharingOne).toBeGreaterThan(200);
    expect(lowered / sharingOne).toBeGreaterThan(0.5);
  }, 120_000);
});
