import { DealDuplicateEngine } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basketSurprise, quantityPrecisionBits } from '../../src/duplicates/basket.js';
import { EXTRA_CAP, readsCoOccurrence, togetherMost } from '../../src/duplicates/line-reading.js';
import { DealPreparer } from '../../src/duplicates/prepared-deal.js';
import { dealFields, toRecord } from './deal-arbitraries.js';

describe("a basket's further-line bound (BasketSurprise.further) from each line's holders read once", () => {
  it('equals its definition: each line read given the most held of the other lines', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const records = fc.sample(dealFields, { seed, numRuns: 80 }).map(toRecord);
        const engine = new DealDuplicateEngine(records);
        engine.weights();
        const stats = engine.stats;
        expect(readsCoOccurrence(stats)).toBe(true);
        const preparer = new DealPreparer();
        for (const d of records.map((r) => preparer.prepare(r))) {
          const surprise = basketSurprise(d, stats);
          let most = EXTRA_CAP;
          d.items.forEach((line, i) => {
            let given = 0;
            d.tokens.forEach((t, j) => {
              if (j !== i) given = Math.max(given, stats.itemCount(t));
            });
            if (given === 0) return;
            const share = 2 ** -(surprise.idfs[i] as number);
            most = Math.max(most, togetherMost(given, share) + quantityPrecisionBits(line, line, stats));
          });
          expect(surprise.further).toBe(most);
        }
      }),
      { numRuns: 20 },
    );
  });
});
