import { renderBuiltIn } from '@gongfu/core';
import {
  DealDuplicateEngine,
  type DealRecord,
  type DuplicateWeights,
  REFERENCE_WEIGHTS,
} from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorpusStats, checkedBasket, statKeys } from '../../src/duplicates/corpus-stats.js';
import {
  CUSTOMER,
  customerBound,
  NOT_ONE_CUSTOMER_MOST,
  oneCustomerShift,
  partnersShift,
} from '../../src/duplicates/measures.js';
import { REFERENCE_PARTNERS_PER_DEAL } from '../../src/duplicates/score-pair.js';
import { accountAdjustment } from '../../src/duplicates/weights.js';
import { plainDeal } from './plain-deal.js';

/**
 * One customer entered as two accounts (a shared identity key, or names that read as one) is read as
 * its own account is (`oneCustomerShift`): against the partners a deal is compared with and against
 * the customer's deals under both accounts. A giant's re-typed account met all the giant's deals at a
 * flat 4–5 bits (generator 2, 100k: most of the false pairs touching a copy).
 */
const withPartners = (partnersPerDeal: number): DuplicateWeights => ({
  ...REFERENCE_WEIGHTS,
  partnersPerDeal,
});
const PARTNERS = REFERENCE_PARTNERS_PER_DEAL * 4;

/**
 * A giant (30 deals under 山东恒通机电有限公司) with one deal under a re-typed account (恒通机电),
 * a small customer (one deal under 青岛海鑫物流有限公司) with one under 海鑫物流, and 40 others.
 */
function deals(): DealRecord[] {
  const others = Array.from({ length: 40 }, (_, i) => plainDeal(`o${i}`));
  const giant = Array.from({ length: 30 }, (_, i) =>
    plainDeal(`g${i}`, { accountId: 'giant', accountName: '山东恒通机电有限公司' }),
  );
  return [
    ...others,
    ...giant,
    plainDeal('g-re', { accountId: 'giant-re', accountName: '恒通机电' }),
    plainDeal('s', { accountId: 'small', accountName: '青岛海鑫物流有限公司' }),
    plainDeal('s-re', { accountId: 'small-re', accountName: '海鑫物流' }),
  ];
}

const tenant = (weights: DuplicateWeights) => new DealDuplicateEngine(deals(), { weights });

const customerOf = (engine: DealDuplicateEngine, a: string, b: string) =>
  engine.score(a, b).signals.find((s) => s.name === 'customer');

describe('one customer under two accounts, read against its deals', () => {
  it('weighs a small customer entered twice more and a giant entered twice less than the hand weight', () => {
    const engine = tenant(withPartners(PARTNERS));
    const small = customerOf(engine, 's', 's-re');
    const giant = customerOf(engine, 'g0', 'g-re');
    expect(small?.level).toBe('same_name');
    expect(giant?.level).toBe('same_name');
    // Hand weight + the partners' 2 bits + the tf of a customer whose deal meets 1 other (its pair).
    const hand = CUSTOMER.sameTradeName.weight;
    expect(small?.weight).toBeCloseTo(hand + 2 + accountAdjustment(2), 2);
    // The giant's deal meets its 29 other deals and the re-typed one: 30 others.
    expect(giant?.weight).toBeCloseTo(hand + 2 + accountAdjustment(31), 2);
    expect(giant?.weight as number).toBeLessThan(hand);
    // The re-typed giant weighs as one of the giant's own deals does (the same partners; its deal
    // meets one more of the customer's: the giant's 30 rather than 29 others).
    const own = customerOf(engine, 'g0', 'g1')?.weight as number;
    expect((giant?.weight as number) - CUSTOMER.sameTradeName.weight).toBeCloseTo(
      own - CUSTOMER.sameAccount.weight + accountAdjustment(31) - accountAdjustment(30),
      2,
    );
    // Symmetric, and two customers are not moved.
    expect(customerOf(engine, 'g-re', 'g0')?.weight).toBe(giant?.weight);
    expect(customerOf(engine, 'o0', 'o1')?.weight).toBe(
      customerOf(tenant(REFERENCE_WEIGHTS), 'o0', 'o1')?.weight,
    );
  });

  it('reads estimates made before the partners were counted at the hand weight', () => {
    const engine = tenant(REFERENCE_WEIGHTS);
    expect(customerOf(engine, 's', 's-re')?.weight).toBe(CUSTOMER.sameTradeName.weight);
    expect(customerOf(engine, 'g0', 'g-re')?.weight).toBe(CUSTOMER.sameTradeName.weight);
  });

  it('says why, in English and Chinese', () => {
    const engine = tenant(withPartners(PARTNERS));
    const more = customerOf(engine, 's', 's-re');
    expect(more?.text).toContain(
      'one customer entered as two accounts, 1 deal of it between them among the 252',
    );
    expect(more?.text).toContain('so it counts more');
    expect(more?.message.key).toBe('duplicate.customer.oneCustomerMore');
    const less = customerOf(engine, 'g0', 'g-re');
    expect(less?.text).toContain('30 deals of it between them');
    expect(less?.text).toContain('so it counts less');
    const zh = renderBuiltIn(less?.message ?? { key: '', params: {} }, 'zh-CN');
    expect(zh).toContain('同一客户录成了两个账户，两者合计 30 笔商机');
    expect(zh).toContain('因此分量较轻');
  });

  it('a stored check reads both accounts’ counts, so it weighs the re-typed account as the scan does', () => {
    const engine = tenant(withPartners(PARTNERS));
    const records = deals();
    const counts = new Map<string, number>();
    for (const r of records) for (const k of statKeys(r)) counts.set(k, (counts.get(k) ?? 0) + 1);
    const self = records.find((r) => r.id === 'g-re') as DealRecord;
    const partners = records.filter((r) => r.accountId === 'giant');
    const against = checkedBasket(self);
    const read = new Set(statKeys(self));
    for (const p of partners) for (const k of statKeys(p, against)) read.add(k);
    const stored = CorpusStats.fromCounts(new Map([...read].map((k) => [k, counts.get(k) ?? 0])));
    stored.weights = withPartners(PARTNERS);
    const found = DealDuplicateEngine.checkAgainst(self, partners, stored, { minScore: -40, limit: 100 });
    const pair = found.find((p) => p.a.id === 'g0' || p.b.id === 'g0');
    expect(pair?.signals.find((s) => s.name === 'customer')?.weight).toBe(
      customerOf(engine, 'g-re', 'g0')?.weight,
    );
  });

  it('never lifts a pair above the scan’s bound for either account, and is symmetric (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 1, max: 5000, noNaN: true }),
        (na, nb, partners) => {
          const deals = [
            ...Array.from({ length: na }, (_, i) =>
              plainDeal(`a${i}`, { accountId: 'A', accountName: '恒通机电' }),
            ),
            ...Array.from({ length: nb }, (_, i) =>
              plainDeal(`b${i}`, { accountId: 'B', accountName: '恒通机电' }),
            ),
          ];
          const stats = CorpusStats.of(deals);
          stats.weights = withPartners(partners);
          const shift = oneCustomerShift('A', 'B', stats);
          expect(shift).toBe(oneCustomerShift('B', 'A', stats));
          // The customer's own deals a deal meets: na − 1 + nb − 1 + 1; the tf within its bounds.
          expect(shift).toBeCloseTo(partnersShift(stats.weights) + accountAdjustment(na + nb), 2);
          const weight = CUSTOMER.sameIdentity.weight + shift;
          expect(weight).toBeLessThanOrEqual(customerBound(false, 'A', stats) + 0.0005);
          expect(weight).toBeLessThanOrEqual(customerBound(false, 'B', stats) + 0.0005);
          expect(customerBound(false, 'A', stats)).toBeGreaterThanOrEqual(NOT_ONE_CUSTOMER_MOST);
          // More deals of the customer never weigh more.
          const more = CorpusStats.of([
            ...deals,
            plainDeal('extra', { accountId: 'A', accountName: '恒通机电' }),
          ]);
          more.weights = withPartners(partners);
          expect(oneCustomerShift('A', 'B', more)).toBeLessThanOrEqual(shift);
        },
      ),
      { numRuns: 60 },
    );
  });
});
