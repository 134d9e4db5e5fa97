import { DealDuplicateEngine, type DealLine, type DealRecord } from '@gongfu/reports';
import { describe, expect, it } from 'vitest';
import { basketSignature } from '../../src/duplicates/corpus-stats.js';
import { COPY_BINS_TO, type KitHolding, kitRepeatFigures } from '../../src/duplicates/customer-kits.js';
import { dayNumber } from '../../src/duplicates/prepared-deal.js';
import { day, deal, oneOffProjects } from './basket-tenant.js';

/**
 * The gaps between a customer's repeat orders of a kit are counted without the copies the detector
 * sees (`kitRepeatFigures`' `copyChance`, each close pair by its chance of being two orders: the
 * E-step of EM): a customer's copies of its kit, each a repeat order due days apart, made a copy's
 * gap ordinary among repeat orders.
 */

const KIT: DealLine[] = [{ sku: 'CB-KIT', category: null, quantity: 50 }];

const projectsOf = (account: string, count: number): DealRecord[] =>
  Array.from({ length: count }, (_, i) =>
    deal(`${account}-p${i}`, { accountId: `acc-${account}`, accountName: `山东${account}有限公司` }),
  );
/** A kit deal; each customer's at its own price (a quote's discount), so amounts say who it is. */
const kitDeal = (id: string, account: string, delivery: string, price: number): DealRecord =>
  deal(id, {
    accountId: `acc-${account}`,
    accountName: `山东${account}有限公司`,
    lines: KIT,
    requiredDelivery: delivery,
    amountMinor: price,
  });

/**
 * 2,000 one-off projects; 20 buyers ordering the kit three times each, two months apart, and 40
 * once; 4 customers that each entered one kit deal twice, due two days apart (the copies).
 * Every buyer has 3 projects besides.
 */
function tenant(): DealRecord[] {
  const reorders = Array.from({ length: 20 }, (_, b) => [
    ...projectsOf(`r${b}`, 3),
    ...Array.from({ length: 3 }, (_, k) =>
      kitDeal(`r${b}-k${k}`, `r${b}`, day(30 + 60 * k + b), 2_000_000 + 9_100 * b),
    ),
  ]).flat();
  const once = Array.from({ length: 40 }, (_, b) => [
    ...projectsOf(`s${b}`, 3),
    kitDeal(`s${b}-k`, `s${b}`, day(30 + 5 * b), 3_000_000 + 9_300 * b),
  ]).flat();
  const copies = Array.from({ length: 4 }, (_, c) => [
    kitDeal(`c${c}A`, `c${c}`, day(40 + 7 * c), 4_000_000 + 9_700 * c),
    kitDeal(`c${c}B`, `c${c}`, day(42 + 7 * c), 4_000_000 + 9_700 * c),
  ]).flat();
  // Amounts spread, as a tenant's are: were they all one, "the same amount" would weigh against.
  return [...oneOffProjects(), ...reorders, ...once, ...copies].map((r, i) =>
    r.lines[0]?.sku === 'CB-KIT' ? r : { ...r, amountMinor: 500_000 + 7_919 * i },
  );
}

/** The records as the figures count them, every kit deal by its basket's signature. */
const holdingsOf = (records: readonly DealRecord[]): KitHolding[] =>
  records.map((r) => ({
    accountId: r.accountId,
    signature: r.lines.length > 0 ? basketSignature(r.lines.map((l) => ({ ...l }))) : '',
    day: r.requiredDelivery ? dayNumber(r.requiredDelivery) : null,
  }));

describe('repeat-order gaps counted without the copies the detector proposes', () => {
  it('counted with them, the 4 copies are the close repeat orders; the estimate counts each by its chance of being two orders', () => {
    const records = tenant();
    const counted = kitRepeatFigures(holdingsOf(records));
    // Every pair two days apart is a copy: bin 1 (1–7 days) holds all 4.
    expect(counted.gaps.byBin[1]).toBe(4);
    const engine = new DealDuplicateEngine(records);
    const estimated = engine.weights().kitRepeats;
    // Each copy counts only by its chance of being two orders, as the finished weights read it.
    const twoOrders = [0, 1, 2, 3]
      .map((c) => 1 / (1 + 2 ** engine.score(`c${c}A`, `c${c}B`).score))
      .reduce((a, b) => a + b, 0);
    expect(twoOrders).toBeLessThan(2);
    expect(estimated?.gaps.byBin[1]).toBeCloseTo(twoOrders, 0); // settled to half a pair
    // The re-orders two months apart are all still counted.
    expect(estimated?.gaps.byBin[5]).toBe(counted.gaps.byBin[5]);
    expect(estimated?.gaps.pairs).toBeCloseTo(counted.gaps.pairs - 4 + twoOrders, 0);
  });

  it('a copy then reads its gap as rare among repeat orders: it weighs more than against the counts with the copies', () => {
    const records = tenant();
    const engine = new DealDuplicateEngine(records);
    const withCopies = new DealDuplicateEngine(records, {
      weights: { ...engine.weights(), kitRepeats: kitRepeatFigures(holdingsOf(records)) },
    });
    const copy = engine.score('c1A', 'c1B');
    expect(copy.score - withCopies.score('c1A', 'c1B').score).toBeGreaterThan(0.5);
    const said = copy.signals.find((s) => s.name === 'customer')?.text;
    expect(said).toMatch(/, 0 are delivered this close/);
    // A re-order two months on weighs no more: its gap is a larger share of the repeat orders left.
    expect(engine.score('r3-k0', 'r3-k1').score).toBeLessThanOrEqual(
      withCopies.score('r3-k0', 'r3-k1').score,
    );
  });

  it('a gap no repeat order shows lifts a copy as far as the shrunk count says, past the 3 bits of other u (issue 14, probe)', () => {
    const records = tenant();
    const engine = new DealDuplicateEngine(records);
    const estimated = engine.weights();
    const kit = estimated.kitRepeats;
    if (!kit) throw new Error('the estimate counts kit repeats');
    // Every repeat order one to two months apart: none as close as the copy (2 days, bin 1).
    const apart = (pairs: number) =>
      new DealDuplicateEngine(records, {
        weights: {
          ...estimated,
          kitRepeats: { ...kit, gaps: { pairs, byBin: [0, 0, 0, 0, 0, pairs, 0, 0] } },
        },
      });
    const customer = (e: DealDuplicateEngine) =>
      e.score('c1A', 'c1B').signals.find((s) => s.name === 'customer')?.weight ?? Number.NaN;
    // Shrunk by 100 pseudo-pairs: 200 pairs say log2(300 / 100) bits, 100,000 say log2(1001) —
    // bounded at 6 bits (as far as a u moves down), not cut at 3.
    expect(customer(apart(100_000)) - customer(apart(200))).toBeCloseTo(6 - Math.log2(3), 2);
  });

  it('only pairs due within a month are asked about: further ones are never proposed as one deal', () => {
    const asked: number[] = [];
    const deals: KitHolding[] = [0, 3, 20, 45, 200].map((d) => ({
      accountId: 'a',
      signature: 'kit',
      day: d,
    }));
    const figures = kitRepeatFigures(deals, (i, j) => {
      asked.push(Math.abs((deals[i]?.day ?? 0) - (deals[j]?.day ?? 0)));
      return 1;
    });
    expect(Math.max(...asked)).toBeLessThanOrEqual(30);
    // The pairs asked were all certain copies and left out; the rest are counted.
    expect(figures.gaps.pairs).toBe(10 - asked.length);
  });

  it('a close pair counts by its chance of being two orders: one the detector gives a quarter counts three quarters', () => {
    const deals: KitHolding[] = [0, 3, 20, 45, 200].map((d) => ({
      accountId: 'a',
      signature: 'kit',
      day: d,
    }));
    const chance = 0.25;
    let asked = 0;
    const figures = kitRepeatFigures(deals, () => {
      asked++;
      return chance;
    });
    const whole = kitRepeatFigures(deals).gaps;
    expect(asked).toBeGreaterThan(0);
    expect(figures.gaps.pairs).toBeCloseTo(whole.pairs - asked * chance, 12);
    // Only the close bins move, each by a quarter of what it held.
    whole.byBin.forEach((n, bin) => {
      expect(figures.gaps.byBin[bin]).toBeCloseTo(n * (bin <= COPY_BINS_TO ? 1 - chance : 1), 12);
    });
    expect(kitRepeatFigures(deals, () => 0).gaps).toEqual(whole);
  });
});
