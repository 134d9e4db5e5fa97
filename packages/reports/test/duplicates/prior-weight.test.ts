import { REFERENCE_WEIGHTS } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRIOR_WEIGHT, priorWeight, REFERENCE_PARTNERS_PER_DEAL } from '../../src/duplicates/score-pair.js';
import type { DuplicateWeights } from '../../src/duplicates/weights.js';

const withPartners = (partnersPerDeal: number): DuplicateWeights => ({
  ...REFERENCE_WEIGHTS,
  partnersPerDeal,
});

describe('the prior per candidate pair', () => {
  it('falls with the candidate partners a deal is compared with, not with N', () => {
    // Generator 1 at 1,000,000 deals: the first line already reads its 100× more holders; the
    // prior must not fall a further 1.66 bits for N (the earlier rule) on top of it.
    const weights = withPartners(REFERENCE_PARTNERS_PER_DEAL * 4);
    expect(priorWeight(1_000_000, weights)).toBeCloseTo(PRIOR_WEIGHT - 2, 9);
    expect(priorWeight(10_000, weights)).toBeCloseTo(PRIOR_WEIGHT - 2, 9);
    expect(priorWeight(1_000_000, withPartners(REFERENCE_PARTNERS_PER_DEAL))).toBe(PRIOR_WEIGHT);
  });

  it('keeps the earlier rule for an estimate made before partners per deal were measured', () => {
    expect(priorWeight(10_000, REFERENCE_WEIGHTS)).toBe(PRIOR_WEIGHT);
    expect(priorWeight(40_000, REFERENCE_WEIGHTS)).toBeCloseTo(PRIOR_WEIGHT - 1, 9);
  });

  it('is never above the tuned prior, independent of N and falls as partners grow (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100_000, noNaN: true }),
        fc.double({ min: 0, max: 100_000, noNaN: true }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (p, q, n, m) => {
          const [few, many] = p <= q ? [p, q] : [q, p];
          expect(priorWeight(n, withPartners(few))).toBeLessThanOrEqual(PRIOR_WEIGHT);
          expect(priorWeight(n, withPartners(many))).toBeLessThanOrEqual(priorWeight(n, withPartners(few)));
          expect(priorWeight(n, withPartners(few))).toBe(priorWeight(m, withPartners(few)));
        },
      ),
    );
  });
});
