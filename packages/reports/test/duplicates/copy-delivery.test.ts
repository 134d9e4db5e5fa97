import { renderBuiltIn } from '@gongfu/core';
import { DealDuplicateEngine, type DealRecord } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyDeliveryFigures, listedPairs } from '../../src/duplicates/copy-delivery.js';
import { handCloseShares } from '../../src/duplicates/measures.js';
import { isDuplicateWeights, REFERENCE_WEIGHTS } from '../../src/duplicates/weights.js';
import { day, deal, oneOffProjects } from './basket-tenant.js';

/**
 * How close a tenant's copies are due, fitted in the tenant (`copy-delivery.ts`): where its
 * customers' copies keep the day they were given, "the same day" is stronger evidence of a copy
 * than where they are re-dated by a few days — the same pair weighs differently in the two.
 */

/** A customer's one-off project (`name`A) and its copy (`name`B) due `apart` days later. */
const copied = (name: string, due: number, apart: number): DealRecord[] =>
  [0, apart].map((shift, k) =>
    deal(`${name}${k === 0 ? 'A' : 'B'}`, {
      accountId: `acc-${name}`,
      accountName: `山东${name}有限公司`,
      lines: [{ sku: `ONE-${name}`, category: null, quantity: 37 }],
      requiredDelivery: day(due + shift),
    }),
  );

/** Two customers' deals of one project due on one day (two integrators bidding for one tender). */
const twoCustomers = (): DealRecord[] =>
  ['A', 'B'].map((side) =>
    deal(`two${side}`, {
      lines: [{ sku: 'ONE-two', category: null, quantity: 37 }],
      requiredDelivery: day(401),
    }),
  );

/** One customer's project entered again under a second account with its phone (`retypedA`, `retypedB`), due on one day. */
const retyped = (): DealRecord[] =>
  ['A', 'B'].map((side) =>
    deal(`retyped${side}`, {
      accountKeys: ['tel:053188880000'],
      lines: [{ sku: 'ONE-retyped', category: null, quantity: 37 }],
      requiredDelivery: day(451),
    }),
  );

/** 2,000 one-off projects, 40 customers' copied projects `apart` days apart, the pair `probe` due on one day, two customers' `two`, one customer's two accounts' `retyped`. */
const tenant = (apart: number): DealRecord[] => [
  ...oneOffProjects(),
  ...Array.from({ length: 40 }, (_, i) => copied(`c${i}`, 10 + i * 13, apart)).flat(),
  ...copied('probe', 301, 0),
  ...twoCustomers(),
  ...retyped(),
];

const deliveryOf = <S extends { name: string }>(s: { signals: S[] }) =>
  s.signals.find((x) => x.name === 'delivery');

describe('how close the tenant’s copies are due, fitted in the tenant', () => {
  it('the same copy due on one day weighs more where copies keep their day than where they are re-dated, and the figures are said', () => {
    const keeps = new DealDuplicateEngine(tenant(0));
    const redates = new DealDuplicateEngine(tenant(4));
    const [kept, moved] = [keeps.weights().copyDelivery, redates.weights().copyDelivery];
    // 41 copies listed in each; in one all due the same day, in the other all but the probe days apart.
    expect(kept?.pairs).toBe(41);
    expect(moved?.pairs).toBe(41);
    expect(kept?.m[0]).toBeGreaterThan(0.5);
    expect(moved?.m[0]).toBeLessThan(handCloseShares()[0] as number);
    const a = keeps.score('probeA', 'probeB');
    const b = redates.score('probeA', 'probeB');
    expect((deliveryOf(a)?.weight ?? 0) - (deliveryOf(b)?.weight ?? 0)).toBeGreaterThan(2);
    expect(a.score - b.score).toBeGreaterThan(2);
    const hand = Math.round((handCloseShares()[0] as number) * 1000) / 10;
    const percent = Math.round((kept?.m[0] ?? 0) * 1000) / 10;
    expect(deliveryOf(a)?.text).toContain(
      `of this tenant’s 41 pairs of one customer’s deals with one basket due within a month of each other, about ${Math.round(kept?.copies ?? 0)} read as copies, ${percent} % of those keep their day against the ${hand} % assumed, so it counts more`,
    );
    expect(renderBuiltIn(deliveryOf(a)?.message ?? { key: '', params: {} }, 'zh-CN')).toContain(
      `交期相差一个月以内的 41 对商机中，约 ${Math.round(kept?.copies ?? 0)} 对判为重复录入，其中 ${percent}% 交期未改，高于默认假设的 ${hand}%，因此分量更重`,
    );
    // Where copies are re-dated, the same day counts less than the hand holds, and that is said too.
    expect(deliveryOf(b)?.text).toContain('so it counts less');
    // A copy re-dated by four days gains there what the same day lost.
    const week = redates.score('c0A', 'c0B');
    const weekKept = new DealDuplicateEngine(tenant(0), { weights: keeps.weights() });
    expect(deliveryOf(week)?.weight).toBeGreaterThan(0);
    // And says the share it was weighed by: copies due 1–7 days apart, not those keeping their day.
    const weekPercent = Math.round((moved?.m[1] ?? 0) * 1000) / 10;
    const weekHand = Math.round((handCloseShares()[1] as number) * 1000) / 10;
    expect(weekPercent).toBeGreaterThan(weekHand);
    expect(deliveryOf(week)?.text).toContain(
      `${weekPercent} % of those are due 1 to 7 days apart against the ${weekHand} % assumed, so it counts more`,
    );
    expect(renderBuiltIn(deliveryOf(week)?.message ?? { key: '', params: {} }, 'zh-CN')).toContain(
      `其中 ${weekPercent}% 交期相差 1 到 7 天，高于默认假设的 ${weekHand}%，因此分量更重`,
    );
    expect(deliveryOf(weekKept.score('c0A', 'c0B'))?.weight).toBeGreaterThan(deliveryOf(week)?.weight ?? 0);
  });

  it('weights estimated before the figures read the hand m; two customers’ deals are read with it always, one customer’s two accounts with the figures', () => {
    const deals = tenant(0);
    const now = new DealDuplicateEngine(deals);
    const { copyDelivery: _, ...before } = now.weights();
    expect(isDuplicateWeights(before)).toBe(true);
    const engine = new DealDuplicateEngine(deals, { weights: before });
    const [then, fitted] = [engine.score('probeA', 'probeB'), now.score('probeA', 'probeB')];
    expect(deliveryOf(then)?.text).not.toContain('read as copies');
    expect((deliveryOf(fitted)?.weight ?? 0) - (deliveryOf(then)?.weight ?? 0)).toBeGreaterThan(2);
    // Every other clause weighs as it did.
    expect(fitted.score - then.score).toBeCloseTo(
      (deliveryOf(fitted)?.weight ?? 0) - (deliveryOf(then)?.weight ?? 0),
      6,
    );
    // Two customers' deals due on one day are not what the fit saw: they weigh as before, unsaid.
    const [two, twoThen] = [now.score('twoA', 'twoB'), engine.score('twoA', 'twoB')];
    expect(deliveryOf(two)?.level).toBe('same_day');
    expect(deliveryOf(two)?.weight).toBe(deliveryOf(twoThen)?.weight);
    expect(two.score).toBe(twoThen.score);
    expect(deliveryOf(two)?.text).not.toContain('read as copies');
    // Two accounts of one customer (one phone) are its copies too: read with the figures, and said.
    const [again, againThen] = [now.score('retypedA', 'retypedB'), engine.score('retypedA', 'retypedB')];
    expect(again.signals.find((x) => x.name === 'customer')?.level).toBe('same_identity');
    expect((deliveryOf(again)?.weight ?? 0) - (deliveryOf(againThen)?.weight ?? 0)).toBeGreaterThan(2);
    expect(deliveryOf(again)?.text).toContain('read as copies');
  });

  it('stored figures of another shape are refused with the rest of the estimate', () => {
    const ok = { pairs: 4, copies: 1.5, m: [0.5, 0.3, 0.2] };
    expect(isDuplicateWeights({ ...REFERENCE_WEIGHTS, copyDelivery: ok })).toBe(true);
    expect(isDuplicateWeights({ ...REFERENCE_WEIGHTS, copyDelivery: { ...ok, m: [0.5, 0.5] } })).toBe(false);
    expect(isDuplicateWeights({ ...REFERENCE_WEIGHTS, copyDelivery: { ...ok, m: [0, 0.5, 0.5] } })).toBe(
      false,
    );
    expect(isDuplicateWeights({ ...REFERENCE_WEIGHTS, copyDelivery: { ...ok, pairs: -1 } })).toBe(false);
    // Shares the fit cannot make: every level lifted at once, more copies than pairs, part of a pair.
    expect(isDuplicateWeights({ ...REFERENCE_WEIGHTS, copyDelivery: { ...ok, m: [1, 1, 1] } })).toBe(false);
    expect(isDuplicateWeights({ ...REFERENCE_WEIGHTS, copyDelivery: { ...ok, copies: 5 } })).toBe(false);
    expect(isDuplicateWeights({ ...REFERENCE_WEIGHTS, copyDelivery: { ...ok, pairs: 4.5 } })).toBe(false);
  });

  it('figures that move no weight are not said, and a fit that reads no copy keeps the hand m', () => {
    // Copies re-dated (the same day's share below the hand's), in a tenant where half of all pairs
    // share a day: "the same day" is floored at nothing with the figures and without them.
    const redates = new DealDuplicateEngine(tenant(4));
    const { copyDelivery, deliveryDays: _days, ...rest } = redates.weights();
    expect(copyDelivery?.m[0]).toBeLessThan(handCloseShares()[0] as number);
    const common = {
      ...rest,
      u: { ...rest.u, 'delivery.same_day': 0.5 },
      ...(rest.candidateU ? { candidateU: { ...rest.candidateU, 'delivery.same_day': 0.5 } } : {}),
    };
    const read = new DealDuplicateEngine(tenant(4), { weights: { ...common, copyDelivery } }).score(
      'probeA',
      'probeB',
    );
    const unread = new DealDuplicateEngine(tenant(4), { weights: common }).score('probeA', 'probeB');
    expect(deliveryOf(read)?.weight).toBe(0);
    expect(deliveryOf(unread)?.weight).toBe(0);
    expect(deliveryOf(read)?.text).not.toContain('read as copies');
    // Listed pairs none of which can be a copy: nothing fitted, nothing stored.
    const apart = [0, 1].flatMap((i) => [
      { accountId: `a${i}`, signature: 's', day: 100 },
      { accountId: `a${i}`, signature: 's', day: 100 },
    ]);
    expect(copyDeliveryFigures(apart, handCloseShares(), () => -30)).toBeUndefined();
  });

  it('for any pairs, the fitted shares sum to 1, stay near the hand when nothing looks like a copy, and rise for a level copies fall on', () => {
    const hand = handCloseShares();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 2 })), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.double({ min: -30, max: 30, noNaN: true }),
        (gaps, score) => {
          // Each pair its own customer's two deals of one basket, `gap` days apart.
          const deals = gaps.flatMap(([gap], i) => [
            { accountId: `a${i}`, signature: 's', day: 100 },
            { accountId: `a${i}`, signature: 's', day: 100 + gap },
          ]);
          const fit = copyDeliveryFigures(deals, hand, () => score);
          // Pairs that are certain non-copies fit nothing (the hand m stays); certain copies always do.
          if (score < -25) expect(fit).toBeUndefined();
          if (score > 25) expect(fit).toBeDefined();
          if (fit === undefined) return;
          expect(fit.pairs).toBe(gaps.length);
          expect(fit.copies).toBeGreaterThanOrEqual(0.5);
          expect(fit.copies).toBeLessThanOrEqual(fit.pairs);
          const m = fit.m;
          expect(Math.abs(m.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(0.001);
          // Certain copies all due the same day: the same day's share rises.
          if (score > 25 && gaps.every(([gap]) => gap === 0)) expect(m[0]).toBeGreaterThan(hand[0] as number);
        },
      ),
    );
  });

  it('a deal is listed with its customer’s deals of its basket within a month, never another customer’s or basket', () => {
    const pairs = listedPairs([
      { accountId: 'a', signature: 's', day: 0 },
      { accountId: 'a', signature: 's', day: 30 },
      { accountId: 'a', signature: 's', day: 31 },
      { accountId: 'b', signature: 's', day: 0 },
      { accountId: 'a', signature: 't', day: 0 },
      { accountId: 'a', signature: '', day: 0 },
      { accountId: 'a', signature: 's', day: null },
    ]);
    expect(pairs).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });
});
