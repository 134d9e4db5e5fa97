import { DealDuplicateEngine, type DealRecord } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generate2 } from '../../../../bench/duplicates-data-2.js';
import { CorpusStats, checkedBasket, statKeys } from '../../src/duplicates/corpus-stats.js';

const ALL = Number.MAX_SAFE_INTEGER;

/** Deals sharing a SKU or the customer with `r`: the partners its blocks could bring, and more. */
function partnersOf(r: DealRecord, records: readonly DealRecord[]): DealRecord[] {
  const skus = new Set(r.lines.map((l) => l.sku));
  return records.filter(
    (p) => p.id !== r.id && (p.accountId === r.accountId || p.lines.some((l) => skus.has(l.sku))),
  );
}

/**
 * A stored check reads the statistics of its partners only for what a pair with the checked deal
 * can ask (`CheckedBasket`: co-occurrence of a partner's lines with one of a SKU the checked deal
 * holds, a customer's basket counts when the two baskets are one). Scored with only those keys'
 * counts, every pair weighs and reads exactly as with every key of the tenant — on generator 2,
 * whose busy customers re-order common kits (the readings that use those keys).
 */
describe('the statistic keys a check reads of its partners', () => {
  it('score every pair as all of the tenant’s keys do: same partners, scores and signals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const { records } = generate2(1_500, seed);
        const weights = new DealDuplicateEngine(records).weights();
        const counts = new Map<string, number>();
        for (const r of records) for (const k of statKeys(r)) counts.set(k, (counts.get(k) ?? 0) + 1);
        const everyKey = CorpusStats.fromCounts(counts);
        everyKey.weights = weights;
        let pairs = 0;
        let fewer = 0;
        for (const r of records.filter((_, i) => i % 25 === 0)) {
          const partners = partnersOf(r, records);
          const against = checkedBasket(r);
          const read = new Set(statKeys(r));
          for (const p of partners) for (const k of statKeys(p, against)) read.add(k);
          const whole = new Set([r, ...partners].flatMap((d) => statKeys(d)));
          fewer += whole.size - read.size;
          const readOnly = CorpusStats.fromCounts(new Map([...read].map((k) => [k, counts.get(k) ?? 0])));
          readOnly.weights = weights;
          const options = { minScore: -20, limit: ALL };
          const expected = DealDuplicateEngine.checkAgainst(r, partners, everyKey, options);
          expect(DealDuplicateEngine.checkAgainst(r, partners, readOnly, options), r.id).toEqual(expected);
          pairs += expected.length;
        }
        // Not vacuous: pairs were scored, and keys were left out.
        expect(pairs).toBeGreaterThan(100);
        expect(fewer).toBeGreaterThan(0);
      }),
      { numRuns: 2 },
    );
  }, 600_000);
});
