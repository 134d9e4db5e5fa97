import { renderBuiltIn } from '@gongfu/core';
import { DealDuplicateEngine, type DuplicateWeights, REFERENCE_WEIGHTS } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorpusStats } from '../../src/duplicates/corpus-stats.js';
import { CUSTOMER, customerBound, oneCustomerShift } from '../../src/duplicates/measures.js';
import {
  type OnlyDealFigures,
  onlyDealFigures,
  onlyDealShift,
  onlyDealU,
} from '../../src/duplicates/only-deal.js';
import { REFERENCE_PARTNERS_PER_DEAL } from '../../src/duplicates/score-pair.js';
import { isDuplicateWeights } from '../../src/duplicates/weights.js';
import { busyGiantDeals, customerOf, storedCheckOfGiant } from './busy-giant.js';
import { plainDeal } from './plain-deal.js';

/**
 * A busy customer's re-typed account that holds only the deal compared (`only-deal.ts`): how often
 * such an account holds one deal among the pairs of a busy customer under two accounts (u) and among
 * their copies (m, fitted by EM) moves "one customer under two accounts", never above the hand weight.
 */
const BUSY: DuplicateWeights = {
  ...REFERENCE_WEIGHTS,
  partnersPerDeal: REFERENCE_PARTNERS_PER_DEAL * 4,
  accountPartners: { giant: 20 },
};
/** Half the listed pairs have an account holding one deal; 86 % of their copies do (generator 2, 100k). */
const FIGURES: OnlyDealFigures = { pairs: 1512, onlyDeal: 778, copies: 26.1, m: 0.8647 };
const FITTED: DuplicateWeights = { ...BUSY, onlyDeal: FIGURES };

/**
 * A giant (30 deals under 山东恒通机电有限公司), an account opened for one entry of it (恒通机电,
 * one deal), a re-typed account holding two (恒通机电 too), a small customer entered twice, 40 others.
 */
const deals = () =>
  busyGiantDeals([
    ['giant-one', 'g-one'],
    ['giant-re', 'g-re'],
    ['giant-re', 'g-re2'],
  ]);

const tenant = (weights: DuplicateWeights) => new DealDuplicateEngine(deals(), { weights });

describe('a busy customer’s re-typed account holding only the deal compared', () => {
  it('moves the pair by the fitted bits: up where the account holds only it, down where both hold others', () => {
    const [before, after] = [tenant(BUSY), tenant(FITTED)];
    const only = onlyDealShift(FIGURES, true);
    const not = onlyDealShift(FIGURES, false);
    // u = (778 + 10) / (1512 + 20), m = .8647: +0.75 bits and −1.85 bits.
    expect(only).toBeCloseTo(Math.log2(0.8647 / onlyDealU(FIGURES)), 3);
    expect(only).toBeGreaterThan(0.7);
    expect(not).toBeLessThan(-1.8);
    const moved = (a: string, b: string) =>
      (customerOf(after, a, b)?.weight as number) - (customerOf(before, a, b)?.weight as number);
    expect(moved('g0', 'g-one')).toBeCloseTo(only, 2);
    expect(moved('g-one', 'g0')).toBeCloseTo(only, 2);
    expect(moved('g0', 'g-re')).toBeCloseTo(not, 2);
    // Never above the hand weight; a small customer and one account's two deals are not moved.
    expect(customerOf(after, 'g0', 'g-one')?.weight as number).toBeLessThanOrEqual(
      CUSTOMER.sameTradeName.weight,
    );
    expect(moved('s', 's-re')).toBe(0);
    expect(moved('g0', 'g1')).toBe(0);
  });

  it('estimates without the figures, or with m and λ fitted over all pairs, do not read the level', () => {
    expect(
      customerOf(tenant({ ...FITTED, m: REFERENCE_WEIGHTS.u, lambda: 0.01 }), 'g0', 'g-one')?.weight,
    ).toBe(customerOf(tenant({ ...BUSY, m: REFERENCE_WEIGHTS.u, lambda: 0.01 }), 'g0', 'g-one')?.weight);
    const stats = CorpusStats.of(deals());
    stats.weights = BUSY;
    const without = oneCustomerShift('giant', 'giant-one', stats);
    stats.weights = { ...BUSY, onlyDeal: undefined };
    expect(oneCustomerShift('giant', 'giant-one', stats)).toBe(without);
  });

  it('says why, in English and Chinese', () => {
    const engine = tenant(FITTED);
    const more = customerOf(engine, 'g0', 'g-one');
    expect(more?.message.key).toBe('duplicate.customer.onlyDealMore');
    expect(more?.text).toContain('one of the two accounts holds only this deal: here 51.5 % of 1512 pairs');
    expect(more?.text).toContain('about 86.5 % of their re-entries (about 26)');
    expect(more?.text).toContain('one customer entered as two accounts');
    const zh = renderBuiltIn(more?.message ?? { key: '', params: {} }, 'zh-CN');
    expect(zh).toContain('其中一个账户只有这一笔商机');
    expect(zh).toContain('占 51.5%（共 1512 对），而重复录入中约占 86.5%（约 26 对）');
    const less = customerOf(engine, 'g0', 'g-re');
    expect(less?.message.key).toBe('duplicate.customer.notOnlyDealLess');
    expect(less?.text).toContain('both accounts hold other deals: here 48.5 % of 1512 pairs');
    expect(less?.text).toContain('only about 13.5 %');
    expect(renderBuiltIn(less?.message ?? { key: '', params: {} }, 'zh-CN')).toContain(
      '两个账户都还有其他商机',
    );
    expect(customerOf(engine, 's', 's-re')?.text).not.toContain('holds only');
  });

  it('a stored check reads the re-typed account’s count, so it weighs the pair as the scan does', () => {
    const engine = tenant(FITTED);
    const found = storedCheckOfGiant(deals(), FITTED);
    for (const other of ['g-one', 'g-re']) {
      const pair = found.find((p) => p.a.id === other || p.b.id === other);
      expect(pair?.signals.find((s) => s.name === 'customer')?.weight).toBe(
        customerOf(engine, other, 'g0')?.weight,
      );
    }
  });

  it('the fit finds m above u where the copies hold accounts of one deal, and u where they are like the rest', () => {
    // 200 pairs, half with an account of one deal; the 20 scored high (copies) all of that kind, or half.
    const pairs = Array.from({ length: 200 }, (_, i) => [i, i + 1000] as const);
    const copy = (i: number) => i < 20;
    const allOnly = onlyDealFigures(
      pairs,
      (i) => (copy(i) || i % 2 === 0 ? 1 : 0),
      (i) => (copy(i) ? 12 : -12),
    );
    expect(allOnly?.pairs).toBe(200);
    expect(allOnly?.onlyDeal).toBe(110);
    expect(allOnly?.m as number).toBeGreaterThan(0.8);
    expect(onlyDealShift(allOnly, true)).toBeGreaterThan(0.5);
    const alike = onlyDealFigures(
      pairs,
      (i) => (i % 2 === 0 ? 1 : 0),
      (i) => (copy(i) ? 12 : -12),
    );
    expect(Math.abs(onlyDealShift(alike, true))).toBeLessThan(0.1);
    // No copy read among them: no figures (the pseudo-copies alone would move the weight).
    expect(
      onlyDealFigures(
        pairs,
        () => 1,
        () => Number.NEGATIVE_INFINITY,
      ),
    ).toBeUndefined();
    expect(
      onlyDealFigures(
        [],
        () => 1,
        () => 0,
      ),
    ).toBeUndefined();
  });

  it('stored figures of another shape are refused with the rest of the estimate; older estimates stay readable', () => {
    expect(isDuplicateWeights(FITTED)).toBe(true);
    expect(isDuplicateWeights(BUSY)).toBe(true);
    for (const bad of [
      { ...FIGURES, onlyDeal: 1513 },
      { ...FIGURES, pairs: 10.5 },
      { ...FIGURES, copies: 1600 },
      { ...FIGURES, m: 1 },
      { ...FIGURES, m: 0 },
    ])
      expect(isDuplicateWeights({ ...BUSY, onlyDeal: bad })).toBe(false);
  });

  it('for any figures: bounded by the hand weight (the scan’s bound), symmetric, 0 unless a side is busy (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.boolean(),
        (na, nb, pairs, share, m, busy) => {
          const records = [
            ...Array.from({ length: na }, (_, i) =>
              plainDeal(`a${i}`, { accountId: 'A', accountName: '恒通机电' }),
            ),
            ...Array.from({ length: nb }, (_, i) =>
              plainDeal(`b${i}`, { accountId: 'B', accountName: '恒通机电' }),
            ),
          ];
          const onlyDeal: OnlyDealFigures = { pairs, onlyDeal: Math.floor(share * pairs), copies: 1, m };
          const stats = CorpusStats.of(records);
          stats.weights = { ...BUSY, accountPartners: busy ? { A: 10 } : {}, onlyDeal };
          const shift = oneCustomerShift('A', 'B', stats);
          expect(shift).toBe(oneCustomerShift('B', 'A', stats));
          expect(shift).toBeLessThanOrEqual(0);
          expect(CUSTOMER.sameIdentity.weight + shift).toBeLessThanOrEqual(customerBound(false, 'A', stats));
          if (!busy) expect(shift).toBe(0);
        },
      ),
      { numRuns: 80 },
    );
  });
});
