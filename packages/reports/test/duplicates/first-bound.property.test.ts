import { DealDuplicateEngine, type DealRecord } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basketBoundOf } from '../../src/duplicates/basket.js';
import type { CopyDeliveryFigures } from '../../src/duplicates/copy-delivery.js';
import { EXTRA_CAP } from '../../src/duplicates/line-reading.js';
import { deliveryMeasure } from '../../src/duplicates/measures.js';
import { dealFields, toRecord } from './deal-arbitraries.js';

const ALL = 1_000_000;

/** Fitted shares of one customer's copies by how close they are due: lift "close" well above the tenant's. */
const COPIES: CopyDeliveryFigures = { pairs: 40, copies: 12, m: [0.6, 0.3, 0.1] };

/**
 * Deals of two accounts with one name in two scripts (`mayBeOneCustomer`) and others, due within
 * days of each other: the pairs the scan's first check bounds by the better of the two delivery
 * readings before it reads the customer columns.
 */
const closeDue = (seed: number, n: number): DealRecord[] =>
  fc.sample(dealFields, { seed, numRuns: n }).map((f, i) => ({
    ...toRecord(f, i),
    requiredDelivery: new Date(Date.UTC(2026, 5, 1) + (i % 9) * 86_400_000).toISOString().slice(0, 10),
  }));

describe("the scan's first check, before the SKUs are merged and the customer columns read", () => {
  it('bounds a basket by every line of the smaller one shared: the bound grows with the SKUs shared', () => {
    const bits = fc.double({ min: -5, max: 40, noNaN: true });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 8 }),
        bits,
        bits,
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        (linesA, linesB, bestA, bestB, moreA, moreB) => {
          const [furtherA, furtherB] = [EXTRA_CAP + moreA, EXTRA_CAP + moreB];
          const most = basketBoundOf(
            linesA,
            linesB,
            bestA,
            bestB,
            furtherA,
            furtherB,
            Math.min(linesA, linesB),
          );
          for (let shared = 0; shared <= Math.min(linesA, linesB); shared++)
            expect(
              basketBoundOf(linesA, linesB, bestA, bestB, furtherA, furtherB, shared),
            ).toBeLessThanOrEqual(most + 1e-9);
        },
      ),
    );
  });

  it.each([21, 22, 23])(
    'drops no pair the full scan proposes where one customer’s copies are read apart (seed %i)',
    (seed) => {
      const records = closeDue(seed, 240);
      const weights = { ...new DealDuplicateEngine(records).weights(), copyDelivery: COPIES };
      const engine = new DealDuplicateEngine(records, { weights });
      // The two readings the first check bounds by differ for these pairs (either way): the case is exercised.
      for (const apart of [0, 1, 5])
        expect(deliveryMeasure(0, apart, weights, true).weight).not.toBe(
          deliveryMeasure(0, apart, weights, false).weight,
        );
      const accounts = new Map(records.map((r) => [r.id, r.accountId]));
      for (const minScore of [-4, 0, 3]) {
        const full = engine.scan({ minScore, limit: ALL, prune: false });
        const pruned = engine.scan({ minScore, limit: ALL });
        expect(pruned.pairs).toEqual(full.pairs);
        if (minScore === 0)
          // Pairs of two accounts read as one customer's copies reach the floor.
          expect(
            full.pairs.filter((p) => accounts.get(p.a.id) !== accounts.get(p.b.id)).length,
          ).toBeGreaterThan(0);
      }
    },
    120_000,
  );
});
