import { renderBuiltIn } from '@gongfu/core';
import { DealDuplicateEngine } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainDeal } from './plain-deal.js';
import { weighedWithout } from './weighed-without.js';

/**
 * "The same customer" of a customer whose deals outnumber the block cap (100) is read against the
 * deals of it one deal is compared with, not all its deals (`account-reading.ts`): its account block
 * does not pair, so a deal of it meets only its own deals that share a line in its province and month.
 */
const base = plainDeal;
const day = (d: number) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);

/** A tenant of 300 one-deal customers and one customer with `count` deals of one line, `spacing` days apart. */
function tenant(count: number, spacing: number): DealDuplicateEngine {
  const others = Array.from({ length: 300 }, (_, i) => base(`o${i}`));
  const mine = Array.from({ length: count }, (_, i) =>
    base(`m${i}`, {
      accountId: 'big',
      accountName: '山东大客户有限公司',
      lines: [{ sku: 'TAB-1', category: null, quantity: 20 }],
      requiredDelivery: day(i * spacing),
    }),
  );
  return new DealDuplicateEngine([...others, ...mine]);
}

/** The weight "the same customer" had when read against all the customer's other deals. */
const againstAll = (others: number) => 4 + Math.max(-8, Math.min(1.5, Math.log2(2.35 / others)));
const weightOf = (s: { signals: { name: string; weight: number }[] }, name: string) =>
  s.signals.find((x) => x.name === name)?.weight ?? Number.NaN;
const customerOf = (s: { signals: { name: string; weight: number; text: string }[] }) =>
  s.signals.find((x) => x.name === 'customer');

describe('a busy customer read against the deals of it compared', () => {
  it('counts the own deals a deal of the customer is compared with, and weighs the pair by that count', () => {
    const engine = tenant(150, 7);
    const compared = engine.weights().accountPartners?.big;
    expect(compared).toBeDefined();
    // The mean over every deal of the customer; the estimate samples 16 of them.
    let own = 0;
    for (let i = 300; i < 450; i++)
      for (const j of engine.index.candidatesOf(i)) if (engine.recordAt(j).accountId === 'big') own++;
    expect(Math.abs((compared as number) - own / 150)).toBeLessThan(2);
    expect(compared as number).toBeLessThan(20);

    const pair = weighedWithout(engine, 'busyRepeatGaps').score('m0', 'm1');
    const customer = customerOf(pair);
    expect(customer?.weight).toBeCloseTo(againstAll(compared as number), 2);
    // Read against all 149 it weighed −2 bits: now a few of its deals compete, not 149.
    expect(customer?.weight as number).toBeGreaterThan(againstAll(149) + 3);
    const message = pair.signals.find((x) => x.name === 'customer')?.message;
    expect(customer?.text).toContain(
      `149 other open deals, of which a deal of it is compared with about ${Math.round(compared as number)}`,
    );
    expect(renderBuiltIn(message!, 'zh-CN')).toContain(
      `其中每笔约与 ${Math.round(compared as number)} 笔比对`,
    );
  });

  it('a customer within the cap is read against all its deals, as before', () => {
    const engine = tenant(60, 7);
    const { kitRepeats, ...apart } = engine.weights();
    expect(apart.accountPartners?.big).toBeUndefined();
    // Without the kit read given the customer (`kit-repeats.ts`), the customer alone:
    const records = Array.from({ length: 360 }, (_, i) => engine.recordAt(i));
    const customerAlone = new DealDuplicateEngine(records, { weights: apart });
    expect(customerOf(customerAlone.score('m0', 'm1'))?.weight).toBeCloseTo(againstAll(59), 2);
    // With it, the kit this customer orders in every deal counts for less still.
    expect(kitRepeats).toBeDefined();
    expect(customerOf(engine.score('m0', 'm1'))?.weight as number).toBeLessThan(againstAll(59) - 1);
  });

  it('an estimate stored before the count reads every customer against all its deals', () => {
    const measured = tenant(150, 7);
    // Estimates made before the count held no kit figures either (`kit-repeats.ts` came later).
    const { accountPartners: _, kitRepeats: __, ...older } = measured.weights();
    const engine = new DealDuplicateEngine(
      Array.from({ length: 450 }, (_, i) => measured.recordAt(i)),
      { weights: older },
    );
    expect(customerOf(engine.score('m0', 'm1'))?.weight).toBeCloseTo(againstAll(149), 2);
  });

  it('never weighs a busy customer less than all its deals would, nor more than one other deal would', () => {
    fc.assert(
      fc.property(fc.integer({ min: 101, max: 180 }), fc.integer({ min: 1, max: 14 }), (count, spacing) => {
        // The account reading alone: without the busy customer's gaps (`busy-repeat-gaps.ts`) in its words and weight.
        const engine = weighedWithout(tenant(count, spacing), 'busyRepeatGaps');
        const weight = customerOf(engine.score('m0', 'm1'))?.weight as number;
        expect(weight).toBeGreaterThanOrEqual(againstAll(count - 1) - 0.001);
        expect(weight).toBeLessThanOrEqual(againstAll(1) + 0.001);
      }),
      { numRuns: 8 },
    );
  });
});

describe('a basket two deals of one customer share', () => {
  const kit = [
    { sku: 'TAB-100', category: null, quantity: 100 },
    { sku: 'SCN-20', category: null, quantity: 20 },
  ];
  /**
   * 300 one-deal customers, `holders` of them holding the kit, and a customer with two orders of the
   * kit (due a week apart: two orders, not copies of one, which count once).
   */
  function kitTenant(holders: number): DealDuplicateEngine {
    const others = Array.from({ length: 300 }, (_, i) => base(`o${i}`, i < holders ? { lines: kit } : {}));
    const mine = ['c0', 'c1', 'c2'].map((id, i) =>
      base(id, {
        accountId: 'one',
        accountName: '济南一家客户有限公司',
        requiredDelivery: day(7 * i),
        ...(i < 2 ? { lines: kit } : {}),
      }),
    );
    return new DealDuplicateEngine([...others, ...mine]);
  }

  it('is read against all deals when the customer’s deals are all compared, against the partners across customers', () => {
    const engine = kitTenant(30);
    const partners = engine.weights().partnersPerDeal as number;
    expect(partners).toBeLessThan(100);
    const n = engine.size;
    const sameCustomer = engine.score('c0', 'c1');
    const across = engine.score('o0', 'o1');
    // The same kit, the same 30 other holders and quantities: read against all 303 deals instead of
    // the partners a deal is compared with (at least the kit's other holders), log2(303 / partners) more.
    expect(weightOf(sameCustomer, 'basket') - weightOf(across, 'basket')).toBeCloseTo(
      Math.log2(n / Math.max(partners, 31)),
      2,
    );
    expect(sameCustomer.signals.find((x) => x.name === 'basket')?.text).toContain(`of ${n} deals`);
    expect(sameCustomer.signals.find((x) => x.name === 'basket')?.text).not.toContain('compared with');
    // Two customers holding the kit: the pair was compared for it, read against the partners.
    expect(across.signals.find((x) => x.name === 'basket')?.text).toContain('compared with');
  });

  it('never weighs less for two deals of one customer than for two customers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 120 }), (holders) => {
        const engine = kitTenant(holders);
        expect(weightOf(engine.score('c0', 'c1'), 'basket')).toBeGreaterThanOrEqual(
          weightOf(engine.score('o0', 'o1'), 'basket'),
        );
      }),
      { numRuns: 10 },
    );
  });
});
