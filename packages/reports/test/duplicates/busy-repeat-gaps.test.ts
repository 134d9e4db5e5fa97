import { renderBuiltIn } from '@gongfu/core';
import { DealDuplicateEngine } from '@gongfu/reports';
import { describe, expect, it } from 'vitest';
import { isDuplicateWeights, REFERENCE_WEIGHTS } from '../../src/duplicates/weights.js';
import { plainDeal } from './plain-deal.js';
import { weighedWithout } from './weighed-without.js';

/**
 * A busy customer's (account block over the cap) two deals of one kit, read by their delivery gap
 * against the gaps between its own compared deals holding one basket (`busy-repeat-gaps.ts`): a
 * customer whose compared re-orders are days apart makes a copy one day apart ordinary; one whose
 * compared re-orders are two weeks apart makes it rare.
 */
const day = (d: number) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);

/**
 * 300 one-deal customers buying one of ten popular lines, due over three months (the candidate
 * pairs the gaps are read against), and one customer with 150 deals of one kit `spacing` days
 * apart, a copy of its 76th deal due a day later and one of its 31st under a second account.
 */
function tenant(spacing: number): DealDuplicateEngine {
  const others = Array.from({ length: 300 }, (_, i) =>
    plainDeal(`o${i}`, {
      lines: [{ sku: `POP-${i % 10}`, category: null, quantity: 5 }],
      requiredDelivery: day((i * 13) % 90),
    }),
  );
  const mine = (id: string, d: number) =>
    plainDeal(id, {
      accountId: 'big',
      accountName: '山东大客户有限公司',
      lines: [{ sku: 'TAB-1', category: null, quantity: 20 }],
      requiredDelivery: day(d),
    });
  const orders = Array.from({ length: 150 }, (_, i) => mine(`m${i}`, i * spacing));
  // The 31st deal entered again under an account of the same name, a day later.
  const retyped = { ...mine('retyped', 30 * spacing + 1), accountId: 'big-again' };
  return new DealDuplicateEngine([...others, ...orders, mine('copy', 75 * spacing + 1), retyped]);
}

const customerOf = <S extends { name: string }>(s: { signals: S[] }) =>
  s.signals.find((x) => x.name === 'customer');

describe('a busy customer’s two deals of one kit, read by the gaps between its compared re-orders', () => {
  it('a copy a day apart weighs more where the customer’s compared re-orders are two weeks apart than where they are days apart, and the figures are said', () => {
    const fortnightly = tenant(14);
    const everyOtherDay = tenant(2);
    expect(fortnightly.weights().accountPartners?.big).toBeDefined();
    const rare = fortnightly.score('m75', 'copy');
    const ordinary = everyOtherDay.score('m75', 'copy');
    const before = weighedWithout(fortnightly, 'busyRepeatGaps').score('m75', 'copy');
    // Read without the customer's gaps the pair had no kit reading: the gap now adds to it.
    expect(rare.score - before.score).toBeGreaterThan(1);
    expect(rare.score - ordinary.score).toBeGreaterThan(3);
    const said = customerOf(rare);
    expect(said?.text).toMatch(
      /of the \d+ pairs of its own deals holding one basket that are compared here, \d are delivered this close/,
    );
    expect(renderBuiltIn(said?.message ?? { key: '', params: {} }, 'zh-CN')).toMatch(
      /该客户在这里被比对、含完全相同组合的 \d+ 对商机中，交期如此接近的有 \d 对/,
    );
  });

  it('the pair weighed is counted out of the gaps it is read against (leave-one-out)', () => {
    // Every deal of the customer is sampled (151 deals), so the copy and its original are counted
    // twice among its compared pairs, once as each one's partner: the only pairs a day apart.
    const engine = tenant(14);
    const gaps = engine.weights().busyRepeatGaps?.big;
    // Twice, each time by its chance of being two orders: the detector reads it as a re-order.
    expect(gaps?.byBin[1]).toBeGreaterThan(1.9);
    expect(gaps?.byBin[1]).toBeLessThanOrEqual(2);
    const copy = customerOf(engine.score('m75', 'copy'));
    expect(copy?.text).toMatch(/of the (\d+) pairs .* compared here, 0 are delivered this close/);
    const pairs = Number(copy?.text.match(/of the (\d+) pairs/)?.[1]);
    expect(pairs).toBe(Math.round((gaps?.pairs ?? 0) - 2));
    // Two re-orders a fortnight apart are counted out of theirs alike.
    const reorder = customerOf(engine.score('m10', 'm11'));
    const fortnight = Math.round((gaps?.byBin[2] ?? 0) - 2);
    expect(reorder?.text).toMatch(
      new RegExp(`of the ${pairs} pairs .*, ${fortnight} are delivered this close`),
    );
  });

  it('an account entered again for the busy customer reads the busy account’s gaps', () => {
    const engine = tenant(14);
    const weight = customerOf(engine.score('m30', 'retyped'))?.weight as number;
    const before = customerOf(weighedWithout(engine, 'busyRepeatGaps').score('m30', 'retyped'));
    expect(before?.level).toBe('same_name');
    expect(weight - (before?.weight as number)).toBeGreaterThan(1);
  });

  it('stored gaps of another shape are refused with the rest of the estimate', () => {
    const gaps = tenant(14).weights().busyRepeatGaps;
    expect(isDuplicateWeights({ ...REFERENCE_WEIGHTS, busyRepeatGaps: gaps })).toBe(true);
    expect(
      isDuplicateWeights({ ...REFERENCE_WEIGHTS, busyRepeatGaps: { big: { pairs: 3, byBin: [1] } } }),
    ).toBe(false);
  });
});
