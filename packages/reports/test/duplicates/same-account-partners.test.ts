import { DealDuplicateEngine, type DuplicateWeights, REFERENCE_WEIGHTS } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partnersShift } from '../../src/duplicates/measures.js';
import { PRIOR_WEIGHT, priorWeight, REFERENCE_PARTNERS_PER_DEAL } from '../../src/duplicates/score-pair.js';
import { plainDeal } from './plain-deal.js';

/**
 * "The same account" is read against the partners a deal is compared with: its u is the share of
 * them that are the customer's own deals (`account-reading.ts`). The hand weight read that share
 * against the 63 partners of the corpus it was set on; a tenant whose deals meet more partners makes
 * a partner of the customer's own rarer, by as much as its prior per pair falls (`priorWeight`).
 */
const withPartners = (partnersPerDeal: number): DuplicateWeights => ({
  ...REFERENCE_WEIGHTS,
  partnersPerDeal,
});

const weightOf = (engine: DealDuplicateEngine, a: string, b: string, name: string) =>
  engine.score(a, b).signals.find((s) => s.name === name)?.weight ?? Number.NaN;

/** One customer with three deals among 40 one-deal customers, weighed with `weights`. */
function tenant(weights: DuplicateWeights): DealDuplicateEngine {
  const others = Array.from({ length: 40 }, (_, i) => plainDeal(`o${i}`));
  const mine = ['m0', 'm1', 'm2'].map((id, i) =>
    plainDeal(id, {
      accountId: 'own',
      accountName: '山东恒通机电有限公司',
      lines: [{ sku: 'PX-M12', category: null, quantity: 20 + i }],
    }),
  );
  return new DealDuplicateEngine([...others, ...mine], { weights });
}

describe('the same account read against the partners compared', () => {
  it('weighs two deals of one customer more where each deal meets more partners', () => {
    const reference = weightOf(tenant(withPartners(REFERENCE_PARTNERS_PER_DEAL)), 'm0', 'm1', 'customer');
    const four = weightOf(tenant(withPartners(REFERENCE_PARTNERS_PER_DEAL * 4)), 'm0', 'm1', 'customer');
    expect(four - reference).toBeCloseTo(2, 2);
    // Before partners were measured, and below the reference, the hand weight stands.
    expect(weightOf(tenant(REFERENCE_WEIGHTS), 'm0', 'm1', 'customer')).toBeCloseTo(reference, 9);
    expect(weightOf(tenant(withPartners(20)), 'm0', 'm1', 'customer')).toBeCloseTo(reference, 9);
    // Two customers are not moved.
    const two = (w: DuplicateWeights) => weightOf(tenant(w), 'o0', 'm0', 'customer');
    expect(two(withPartners(REFERENCE_PARTNERS_PER_DEAL * 4))).toBe(two(REFERENCE_WEIGHTS));
  });

  it('gives a pair of one account back what the prior lost to more partners, never less than the hand weight (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 100_000, noNaN: true }),
        fc.double({ min: 1, max: 100_000, noNaN: true }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (p, q, n) => {
          const [few, many] = p <= q ? [p, q] : [q, p];
          const shift = partnersShift(withPartners(few));
          expect(shift).toBeGreaterThanOrEqual(0);
          expect(partnersShift(withPartners(many))).toBeGreaterThanOrEqual(shift);
          // Prior and the account's share move together: a deal's own deal is as likely a duplicate
          // of it however many partners the tenant's blocks give it.
          expect(priorWeight(n, withPartners(few)) + shift).toBeCloseTo(PRIOR_WEIGHT, 9);
        },
      ),
    );
  });
});
