import { renderBuiltIn } from '@gongfu/core';
import { DealDuplicateEngine, type DealRecord, estimateDuplicateWeights } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactAmountShift, REFERENCE_EXACT_SHARE } from '../../src/duplicates/exact-amount.js';
import { amountMeasure } from '../../src/duplicates/measures.js';
import { amountGiven } from '../../src/duplicates/score-pair.js';
import { isDuplicateWeights } from '../../src/duplicates/weights.js';
import { plainDeal } from './plain-deal.js';

/**
 * A deal entered twice often keeps its amount to the fen while a line is re-typed (generator 2 at
 * 30,000 deals: 17 of the 35 same-customer pairs scored below 0 had equal amounts, read as "within
 * 5%"). Whether the fen says anything is the tenant's: where every deal is priced from its own
 * quote it does, where kits sell at list price it does not.
 */
const line = (sku: string, quantity: number) => ({ sku, category: null, quantity });
const filler = (amountOf: (i: number) => number) =>
  Array.from({ length: 300 }, (_, i) =>
    plainDeal(`o${i}`, { lines: [line(`F-${i % 40}`, 20 + (i % 7))], amountMinor: amountOf(i) }),
  );
/** Every deal priced from its own quote: neighbours within 5%, none equal to the fen. */
const quoted = filler((i) => Math.round(10_000_000 * 1.01 ** i));
/** Forty list prices 6 % apart: deals within 5% of each other agree to the fen. */
const listPriced = filler((i) => Math.round(10_000_000 * 1.06 ** (i % 40)));

const copy = (id: string, sku: string, amountMinor: number): DealRecord =>
  plainDeal(id, {
    accountId: 'acc-copy',
    accountName: '明华（济南）供应链管理有限公司',
    lines: [line(sku, 173), line('PR-D3', 5)],
    amountMinor,
  });
/** One customer's deal `a`, its copy `b` with a sibling SKU and the amount kept, and `c` re-priced by 0.3 %. */
const copies = [
  copy('a', 'RT-11', 46_153_700),
  copy('b', 'RT-12', 46_153_700),
  copy('c', 'RT-12', 46_000_000),
];
const copiesIn = (tenant: readonly DealRecord[]) => new DealDuplicateEngine([...tenant, ...copies]);
const amountSignal = (engine: DealDuplicateEngine, a: string, b: string) =>
  engine.score(a, b).signals.find((s) => s.name === 'amount');

describe('two amounts equal to the fen', () => {
  it('count where the tenant’s deals seldom agree to the fen, and the explanation says how seldom', () => {
    const engine = copiesIn(quoted);
    const exact = amountSignal(engine, 'a', 'b');
    const within = amountSignal(engine, 'a', 'c');
    // One customer's pairs are few here: they read the tenant's share, a little moved by their own.
    const shift = exactAmountShift(engine.weights().exactAmount, true);
    expect(shift).toBeGreaterThan(2.5);
    expect(exact?.level).toBe('exact');
    expect(within?.level).toBe('same');
    expect((exact?.weight ?? 0) - (within?.weight ?? 0)).toBeCloseTo(shift, 3);
    expect(engine.score('a', 'b').score - engine.score('a', 'c').score).toBeCloseTo(shift, 2);
    expect(exact?.text).toMatch(
      /the same amount to the fen \(¥461,537\), which only [\d.]+ in 1,000 pairs of one customer’s deals within 5%/,
    );
    expect(renderBuiltIn(exact?.message ?? { key: '', params: {} }, 'zh-CN')).toMatch(
      /金额分毫不差（¥461,537），本公司同一客户金额相差 5% 以内的商机中每 1000 对只有 [\d.]+ 对如此/,
    );
  });

  it('count for two customers, not for one re-ordering at its contract price', () => {
    // 100 customers of 3 deals each: one amount per customer (its contract), none shared with another.
    const contracts = Array.from({ length: 300 }, (_, i) =>
      plainDeal(`k${i}`, {
        accountId: `acc-k${i % 100}`,
        lines: [line(`F-${i % 40}`, 20 + (i % 7))],
        amountMinor: Math.round(10_000_000 * 1.01 ** (i % 100)),
      }),
    );
    const two = (id: string, sku: string): DealRecord =>
      plainDeal(id, { lines: [line(sku, 173), line('PR-D3', 5)], amountMinor: 46_153_700 });
    const engine = new DealDuplicateEngine([...contracts, ...copies, two('x', 'RT-11'), two('y', 'RT-12')]);
    const own = amountSignal(engine, 'a', 'b');
    const others = amountSignal(engine, 'x', 'y');
    expect(exactAmountShift(engine.weights().exactAmount, true)).toBe(0);
    expect(own?.level).toBe('same');
    expect(others?.level).toBe('exact');
    expect(others?.text).toMatch(/in 1,000 pairs of this tenant’s deals within 5%/);
    expect(renderBuiltIn(others?.message ?? { key: '', params: {} }, 'zh-CN')).toMatch(
      /金额分毫不差（¥461,537），本公司金额相差 5% 以内的商机中每 1000 对只有 [\d.]+ 对如此/,
    );
  });

  it('count nothing where kits sell at list price and many deals agree to the fen', () => {
    const engine = copiesIn(listPriced);
    expect(amountSignal(engine, 'a', 'b')?.level).toBe('same');
    expect(amountSignal(engine, 'a', 'b')?.weight).toBe(amountSignal(engine, 'a', 'c')?.weight);
  });

  it('keep the fen’s part beside an identical basket, and an exact copy never below a near one', () => {
    const engine = new DealDuplicateEngine([
      ...quoted,
      copy('a', 'RT-11', 46_153_700),
      copy('same', 'RT-11', 46_153_700),
      copy('near', 'RT-12', 46_153_700),
    ]);
    const identical = amountSignal(engine, 'a', 'same');
    expect(identical?.level).toBe('exact');
    expect(identical?.weight).toBeCloseTo(0.5 + exactAmountShift(engine.weights().exactAmount, true), 3);
    expect(engine.score('a', 'same').score).toBeGreaterThanOrEqual(engine.score('a', 'near').score);
  });

  it('are measured and stored with the tenant’s weights', () => {
    const weights = estimateDuplicateWeights(quoted);
    expect(weights.exactAmount?.samePairs).toBeGreaterThan(500);
    expect(weights.exactAmount?.exactShare).toBeLessThan(REFERENCE_EXACT_SHARE / 8);
    expect(isDuplicateWeights(JSON.parse(JSON.stringify(weights)))).toBe(true);
    expect(isDuplicateWeights({ ...weights, exactAmount: { samePairs: 3, exactShare: 0 } })).toBe(false);
    expect(exactAmountShift(estimateDuplicateWeights(listPriced).exactAmount)).toBe(0);
  });

  it('move "within 5%" by 0 to 3 bits, less the more often the tenant’s pairs agree, never above the bound', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        fc.integer({ min: 100, max: 10_000_000 }),
        (p, q, amount) => {
          const [lo, hi] = p < q ? [p, q] : [q, p];
          const at = (exactShare: number) => exactAmountShift({ samePairs: 100, exactShare }, false);
          expect(at(lo)).toBeGreaterThanOrEqual(at(hi));
          expect(at(lo)).toBeGreaterThanOrEqual(0);
          expect(at(lo)).toBeLessThanOrEqual(3);
          const weights = {
            ...estimateDuplicateWeights([]),
            exactAmount: { samePairs: 100, exactShare: lo },
          };
          const exact = amountMeasure(amount, amount, true, weights);
          const within = amountMeasure(amount, amount + 1, true, weights);
          expect(exact.weight - within.weight).toBeCloseTo(at(lo), 3);
          // What the scan bounds a pair by (the measure) is never below what the basket leaves of it.
          const basket = { level: 'identical', weight: 5, swapped: false } as never;
          expect(amountGiven(basket, exact, true).weight).toBeLessThanOrEqual(exact.weight);
          expect(amountGiven(basket, exact, true).weight).toBeGreaterThanOrEqual(
            amountGiven(basket, within, true).weight,
          );
        },
      ),
    );
  });
});
