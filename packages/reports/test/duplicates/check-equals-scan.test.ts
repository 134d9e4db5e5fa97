import { type DealDuplicate, DealDuplicateEngine } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generate } from '../../../../bench/duplicates-data.js';
import { generate2 } from '../../../../bench/duplicates-data-2.js';

const ALL = Number.MAX_SAFE_INTEGER;

/** Each deal's partners and their scores, as a list of pairs names them. */
function partnersBy(pairs: readonly DealDuplicate[]): Map<string, Map<string, number>> {
  const partners = new Map<string, Map<string, number>>();
  const note = (x: string, y: string, score: number) => {
    const mine = partners.get(x) ?? new Map<string, number>();
    mine.set(y, score);
    partners.set(x, mine);
  };
  for (const p of pairs) {
    note(p.a.id, p.b.id, p.score);
    note(p.b.id, p.a.id, p.score);
  }
  return partners;
}

/**
 * The incremental check of a deal gives it exactly the partners, at the same scores, that the full
 * scan gives it: on both bench generators, over seeds, at sizes where busy customers and common
 * kits outgrow the block cap (generator 2's biggest customers hold hundreds of deals at 3,000).
 * The stored-key check is held to the scan through the service (`stored-check.suite.ts`); this holds
 * the in-memory check, which the benches use to explain a stored check's misses at 1M.
 */
describe('the check finds what the scan finds', () => {
  it.each([
    ['generator 1', generate],
    ['generator 2', generate2],
  ] as const)(
    'on the bench data of %s: every deal, every partner, every score, at floors −4 and 0',
    (_, make) => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
          const { records } = make(3_000, seed);
          const engine = new DealDuplicateEngine(records);
          for (const minScore of [-4, 0]) {
            const scanned = partnersBy(engine.scan({ minScore, limit: ALL }).pairs);
            let partners = 0;
            for (const r of records) {
              const checked = partnersBy(engine.check(r, { minScore, limit: ALL })).get(r.id) ?? new Map();
              expect(checked, r.id).toEqual(scanned.get(r.id) ?? new Map());
              partners += checked.size;
            }
            expect(partners).toBeGreaterThan(100);
          }
          expect(engine.index.stats().cappedBlocks).toBeGreaterThan(0);
        }),
        { numRuns: 2 },
      );
    },
    600_000,
  );
});
