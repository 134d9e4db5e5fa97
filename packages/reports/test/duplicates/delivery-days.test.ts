import { renderBuiltIn } from '@gongfu/core';
import { DealDuplicateEngine, type DealRecord } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deliveryDayFigures, sharedDay } from '../../src/duplicates/delivery-days.js';
import { dayNumber } from '../../src/duplicates/prepared-deal.js';
import { isDuplicateWeights, REFERENCE_WEIGHTS } from '../../src/duplicates/weights.js';
import { deal, oneOffProjects } from './basket-tenant.js';

/**
 * "Delivered on the same day" read against how many of the tenant's deals are due that day
 * (`delivery-days.ts`): where deals bunch on month-ends, a pair due on 31 December shares a day
 * hundreds of deals share, and a pair due on an ordinary day shares one few do.
 */

const BUSY_DAY = '2026-12-31';
const QUIET_DAY = '2026-03-04';

/** A customer's one-off project and its copy, both due on `due` (one order: its days count it once). */
const copied = (name: string, due: string): DealRecord[] =>
  ['A', 'B'].map((side) =>
    deal(`${name}${side}`, {
      accountId: `acc-${name}`,
      accountName: `山东${name}有限公司`,
      lines: [{ sku: `ONE-${name}`, category: null, quantity: 37 }],
      requiredDelivery: due,
    }),
  );

/** 2,000 one-off projects spread over 100 days (20 of them due on the busy day), 600 more due on it, and two copied projects. */
function tenant(): DealRecord[] {
  const monthEnd = Array.from({ length: 600 }, (_, i) =>
    deal(`m${i}`, { province: ['11', '31', '44'][i % 3] as string, requiredDelivery: BUSY_DAY }),
  );
  return [...oneOffProjects(), ...monthEnd, ...copied('quiet', QUIET_DAY), ...copied('busy', BUSY_DAY)];
}

const deliveryOf = <S extends { name: string }>(s: { signals: S[] }) =>
  s.signals.find((x) => x.name === 'delivery');

describe('the same delivery day, read against the tenant’s days', () => {
  it('a copy due on a day few deals are due on weighs more than one due on a day hundreds are, and the counts are said', () => {
    const engine = new DealDuplicateEngine(tenant());
    const quiet = engine.score('quietA', 'quietB');
    const busy = engine.score('busyA', 'busyB');
    // Alike in all but the day: read by the level alone, the two scored the same. The busy day
    // counts less, but an exact match never counts against a pair: at least nothing (u floor).
    expect(quiet.score - busy.score).toBeGreaterThan(0.5);
    expect(deliveryOf(quiet)?.weight).toBeGreaterThan(0.5);
    expect(deliveryOf(busy)?.weight).toBe(0);
    const rare = deliveryOf(quiet);
    expect(rare?.text).toContain('only 1 of the tenant’s 2602 deals are due that day, so it counts more');
    expect(renderBuiltIn(rare?.message ?? { key: '', params: {} }, 'zh-CN')).toContain(
      '本公司 2602 笔有交期的商机中只有 1 笔在当天交货，因此分量更重',
    );
    expect(deliveryOf(busy)?.text).toContain(
      '621 of the tenant’s 2602 deals are due that day, so it counts less',
    );
  });

  it('weights estimated before the day counts read the level alone', () => {
    const deals = tenant();
    const counted = new DealDuplicateEngine(deals).weights();
    // 620 deals due that day, and the busy copies as one order.
    expect(counted.deliveryDays?.byDay[String(dayNumber(BUSY_DAY))]).toBe(621);
    const { deliveryDays: _, ...before } = counted;
    const engine = new DealDuplicateEngine(deals, { weights: before });
    expect(engine.score('quietA', 'quietB').score).toBe(engine.score('busyA', 'busyB').score);
  });

  it('stored day counts of another shape are refused with the rest of the estimate', () => {
    expect(isDuplicateWeights({ ...REFERENCE_WEIGHTS, deliveryDays: { deals: 4, byDay: { 1: -2 } } })).toBe(
      false,
    );
    expect(isDuplicateWeights({ ...REFERENCE_WEIGHTS, deliveryDays: { deals: 4, byDay: [] } })).toBe(false);
    expect(isDuplicateWeights({ ...REFERENCE_WEIGHTS, deliveryDays: deliveryDayFigures([1, 1, 2]) })).toBe(
      true,
    );
  });

  it('for any tenant’s days, a day more deals are due on never weighs more, and a day as busy as a random pair’s weighs about nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 3, maxLength: 400 }), (days) => {
        const figures = deliveryDayFigures(days);
        const shifts = Array.from({ length: 61 }, (_, d) => ({
          due: figures.byDay[d] ?? 0,
          shift: sharedDay(figures, d)?.shift ?? 0,
        }));
        for (const a of shifts)
          for (const b of shifts) if (a.due < b.due) expect(a.shift).toBeGreaterThanOrEqual(b.shift);
      }),
    );
    // Every day equally busy: each is as busy as the day a random pair shares.
    const even = deliveryDayFigures(Array.from({ length: 3000 }, (_, i) => i % 30));
    expect(Math.abs(sharedDay(even, 7)?.shift ?? 99)).toBeLessThan(0.05);
    expect(sharedDay(undefined, 7)).toBeNull();
  });
});
