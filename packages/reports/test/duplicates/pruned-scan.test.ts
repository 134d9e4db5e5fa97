import { DealDuplicateEngine, type DealRecord } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dealFields, toRecord } from './deal-arbitraries.js';

const ALL = 1_000_000;

/** A seeded corpus of the arbitrary's deals: few customers and SKUs, so classes of deals repeat. */
const crowded = (seed: number, n: number): DealRecord[] =>
  fc.sample(dealFields, { seed, numRuns: n }).map(toRecord);

/**
 * The same with customers and quantities spread out, so most deals are alone in their class and
 * the bounds, not the memos, decide.
 */
const spreadOut = (seed: number, n: number): DealRecord[] =>
  crowded(seed, n).map((r, i) => ({
    ...r,
    accountId: `${r.accountId}-${i % 97}`,
    lines: r.lines.map((l, k) => ({ ...l, quantity: l.quantity + ((i + k) % 7) })),
  }));

describe('the pruned full scan (bounds and memos) ranks exactly what weighing every candidate ranks', () => {
  it.each([
    ['crowded', crowded(14, 300)],
    ['spread out', spreadOut(15, 300)],
  ])(
    'on a generated corpus (%s), at several floors',
    (_, records) => {
      const engine = new DealDuplicateEngine(records);
      const proposed = new Map<number, number>();
      for (const minScore of [-4, 0, 3, 8]) {
        const full = engine.scan({ minScore, limit: ALL, prune: false });
        const pruned = engine.scan({ minScore, limit: ALL });
        expect(pruned.candidatePairs).toBe(full.candidatePairs);
        expect(pruned.pairs).toEqual(full.pairs);
        proposed.set(minScore, full.pairs.length);
      }
      // Worth something only if the floors cut through the pairs: some above, more below. (Few
      // above 0 in these corpora of look-alike deals: a deal proposed with several that are not
      // proposed with each other shares its evidence among them, `competing-partners.ts`.)
      expect(proposed.get(0)).toBeGreaterThan(3);
      expect(proposed.get(8)).toBeLessThan(proposed.get(0) ?? 0);
      expect(proposed.get(0)).toBeLessThan(proposed.get(-4) ?? 0);
    },
    120_000,
  );
});
