import { renderBuiltIn } from '@gongfu/core';
import { DealDuplicateEngine, type DuplicateWeights, REFERENCE_WEIGHTS } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorpusStats } from '../../src/duplicates/corpus-stats.js';
import { CUSTOMER, customerBound, oneCustomerShift, partnersShift } from '../../src/duplicates/measures.js';
import { REFERENCE_PARTNERS_PER_DEAL } from '../../src/duplicates/score-pair.js';
import { accountAdjustment } from '../../src/duplicates/weights.js';
import { busyGiantDeals, customerOf, storedCheckOfGiant } from './busy-giant.js';
import { plainDeal } from './plain-deal.js';

/**
 * A busy customer entered as two accounts (a shared identity key, or names that read as one) is read
 * as its own account is (`oneCustomerShift`): against the partners a deal is compared with and the
 * customer's deals a deal of it meets under both accounts, never above the hand weight. A giant's
 * re-typed account met the giant's deals at a flat 4–5 bits (generator 2, 100k: most of the false
 * pairs touching a copy). A customer within the block cap keeps the hand weight.
 */
const withPartners = (
  partnersPerDeal: number,
  accountPartners?: Record<string, number>,
): DuplicateWeights => ({
  ...REFERENCE_WEIGHTS,
  partnersPerDeal,
  ...(accountPartners ? { accountPartners } : {}),
});
/** The giant is busy: its deals outnumber the block cap, and a deal of it meets 20 of its own. */
const BUSY = withPartners(REFERENCE_PARTNERS_PER_DEAL * 4, { giant: 20 });

/**
 * A giant (30 deals under 山东恒通机电有限公司) with two deals under a re-typed account (恒通机电),
 * a small customer (one deal under 青岛海鑫物流有限公司) with one under 海鑫物流, and 40 others.
 */
const deals = () =>
  busyGiantDeals([
    ['giant-re', 'g-re'],
    ['giant-re', 'g-re2'],
  ]);

const tenant = (weights: DuplicateWeights) => new DealDuplicateEngine(deals(), { weights });

describe('one customer under two accounts, read against its deals', () => {
  it('weighs a busy customer entered twice less than the hand weight, as its own account reads, and a small one as before', () => {
    const engine = tenant(BUSY);
    const small = customerOf(engine, 's', 's-re');
    const giant = customerOf(engine, 'g0', 'g-re');
    expect(small?.level).toBe('same_name');
    expect(giant?.level).toBe('same_name');
    const hand = CUSTOMER.sameTradeName.weight;
    expect(small?.weight).toBe(hand);
    // The partners' 2 bits and the tf of the 20 compared deals, the re-typed account's other and itself: 22 others.
    expect(giant?.weight).toBeCloseTo(hand + 2 + accountAdjustment(23), 2);
    expect(giant?.weight as number).toBeLessThan(hand - 1);
    // The giant's own two deals: the same partners, two others fewer (20).
    const own = customerOf(engine, 'g0', 'g1')?.weight as number;
    expect((giant?.weight as number) - hand).toBeCloseTo(
      own - CUSTOMER.sameAccount.weight + accountAdjustment(23) - accountAdjustment(21),
      2,
    );
    // Symmetric, and two customers are not moved.
    expect(customerOf(engine, 'g-re', 'g0')?.weight).toBe(giant?.weight);
    expect(customerOf(engine, 'o0', 'o1')?.weight).toBe(
      customerOf(tenant(REFERENCE_WEIGHTS), 'o0', 'o1')?.weight,
    );
  });

  it('reads estimates made before the partners were counted, and customers within the cap, at the hand weight', () => {
    for (const weights of [REFERENCE_WEIGHTS, withPartners(REFERENCE_PARTNERS_PER_DEAL * 4)]) {
      const engine = tenant(weights);
      expect(customerOf(engine, 's', 's-re')?.weight).toBe(CUSTOMER.sameTradeName.weight);
      expect(customerOf(engine, 'g0', 'g-re')?.weight).toBe(CUSTOMER.sameTradeName.weight);
    }
  });

  it('says why, in English and Chinese', () => {
    const engine = tenant(BUSY);
    expect(customerOf(engine, 's', 's-re')?.text).not.toContain('two accounts');
    const less = customerOf(engine, 'g0', 'g-re');
    expect(less?.message.key).toBe('duplicate.customer.oneCustomerLess');
    expect(less?.text).toContain(
      'one customer entered as two accounts, 22 deals of it between them among the 252',
    );
    expect(less?.text).toContain('so it counts less');
    const zh = renderBuiltIn(less?.message ?? { key: '', params: {} }, 'zh-CN');
    expect(zh).toContain('同一客户录成了两个账户，每笔商机在这里约与 252 笔比对，其中 22 笔属于这一客户');
    expect(zh).toContain('因此分量较轻');
  });

  it('a stored check reads both accounts’ counts, so it weighs the re-typed account as the scan does', () => {
    const engine = tenant(BUSY);
    // The giant's deal checked: its partners' account counts (the re-typed account's two deals) are read.
    const found = storedCheckOfGiant(deals(), BUSY);
    const pair = found.find((p) => p.a.id === 'g0' || p.b.id === 'g0');
    expect(pair?.signals.find((s) => s.name === 'customer')?.weight).toBe(
      customerOf(engine, 'g-re', 'g0')?.weight,
    );
  });

  it('never lifts a pair, is symmetric, is 0 unless a side is busy, and falls with the customer’s deals (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 1, max: 5000, noNaN: true }),
        fc.option(fc.double({ min: 0, max: 500, noNaN: true }), { nil: undefined }),
        (na, nb, partners, compared) => {
          const deals = [
            ...Array.from({ length: na }, (_, i) =>
              plainDeal(`a${i}`, { accountId: 'A', accountName: '恒通机电' }),
            ),
            ...Array.from({ length: nb }, (_, i) =>
              plainDeal(`b${i}`, { accountId: 'B', accountName: '恒通机电' }),
            ),
          ];
          const weights = withPartners(partners, compared === undefined ? undefined : { A: compared });
          const stats = CorpusStats.of(deals);
          stats.weights = weights;
          const shift = oneCustomerShift('A', 'B', stats);
          expect(shift).toBe(oneCustomerShift('B', 'A', stats));
          expect(shift).toBeLessThanOrEqual(0);
          expect(CUSTOMER.sameIdentity.weight + shift).toBeLessThanOrEqual(customerBound(false, 'A', stats));
          if (compared === undefined) expect(shift).toBe(0);
          else
            expect(shift).toBeCloseTo(
              Math.min(0, partnersShift(weights) + accountAdjustment(compared + nb + 1)),
              2,
            );
          // More deals of the customer never weigh more.
          const more = CorpusStats.of([
            ...deals,
            plainDeal('extra', { accountId: 'B', accountName: '恒通机电' }),
          ]);
          more.weights = weights;
          expect(oneCustomerShift('A', 'B', more)).toBeLessThanOrEqual(shift);
        },
      ),
      { numRuns: 80 },
    );
  });
});
