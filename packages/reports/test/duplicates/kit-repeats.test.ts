import { renderBuiltIn } from '@gongfu/core';
import { DealDuplicateEngine, type DealLine, type DealRecord, REFERENCE_WEIGHTS } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basketSignature, CorpusStats, statKeys } from '../../src/duplicates/corpus-stats.js';
import { kitRepeatFigures } from '../../src/duplicates/customer-kits.js';
import { day, deal, kitDeal, oneOffProjects } from './basket-tenant.js';

/**
 * One customer's two deals of one standard kit, read given the customer (`kit-repeats.ts`): a kit
 * its buyers re-order is weak evidence of a copy, a kit nobody re-orders strong.
 */

const kit = (sku: string): DealLine[] => [{ sku, category: null, quantity: 50 }];
const REORDERED = kit('CB-REORDER');
const ONCE = kit('CB-ONCE');

/** `count` deals of one customer, each a one-off project of its own. */
const projectsOf = (account: string, count: number): DealRecord[] =>
  Array.from({ length: count }, (_, i) =>
    deal(`${account}-p${i}`, { accountId: `acc-${account}`, accountName: `山东${account}有限公司` }),
  );

/**
 * 2,000 one-off projects; 40 deals of each kit besides the pairs weighed: CB-REORDER by 10 buyers
 * four times each, two months apart, CB-ONCE by 40 buyers once each; every buyer with 10 projects
 * of its own. Two customers of 30 projects each enter their kit twice, two days apart: `again*`
 * the re-ordered kit, `once*` the other. Alike in everything but how the kit's buyers buy it.
 */
function tenant(): DealRecord[] {
  const reorders = Array.from({ length: 10 }, (_, b) => [
    ...projectsOf(`r${b}`, 10),
    ...Array.from({ length: 4 }, (_, k) => kitDeal(`r${b}-k${k}`, `r${b}`, REORDERED, day(30 + 60 * k + b))),
  ]).flat();
  const once = Array.from({ length: 40 }, (_, b) => [
    ...projectsOf(`s${b}`, 10),
    kitDeal(`s${b}-k`, `s${b}`, ONCE, day(30 + 5 * b)),
  ]).flat();
  return [
    ...oneOffProjects(),
    ...reorders,
    ...once,
    ...projectsOf('again', 30),
    kitDeal('againA', 'again', REORDERED, '2026-09-10'),
    kitDeal('againB', 'again', REORDERED, '2026-09-12'),
    ...projectsOf('once', 30),
    kitDeal('onceA', 'once', ONCE, '2026-09-10'),
    kitDeal('onceB', 'once', ONCE, '2026-09-12'),
  ];
}

const customerOf = <S extends { name: string }>(s: { signals: S[] }) =>
  s.signals.find((x) => x.name === 'customer');

describe('one customer’s two deals of one kit, read given the customer', () => {
  it('a kit its buyers re-order weighs less between one customer’s two deals than a kit never re-ordered, and the figures are said', () => {
    const engine = new DealDuplicateEngine(tenant());
    const again = engine.score('againA', 'againB');
    const once = engine.score('onceA', 'onceB');
    // Everything but the kit's buyers is alike: read apart (as before), the two pairs scored the same.
    expect(once.score - again.score).toBeGreaterThan(3);
    const said = customerOf(once);
    expect(said?.text).toContain(
      "2 of its 32 deals hold this exact basket; the kit's 40 other buyers order it again in 0 of their 400 other deals",
    );
    expect(renderBuiltIn(said?.message ?? { key: '', params: {} }, 'zh-CN')).toContain(
      '该客户的 32 笔商机中有 2 笔是完全相同的组合；购买该组合的其他 40 家客户，其另外 400 笔商机中有 0 笔再次购买',
    );
    expect(customerOf(again)?.text).toContain(
      "the kit's 10 other buyers order it again in 30 of their 130 other deals",
    );
  });

  it('an account entered again under the same name is read as the customer: the two accounts’ counts of the kit together', () => {
    // Each customer's kit entered once more under a second account of the same name, a day later.
    const retyped = (id: string, account: string, lines: DealLine[]) =>
      deal(id, {
        accountId: `acc-${account}-again`,
        accountName: `山东${account}有限公司`,
        lines,
        requiredDelivery: '2026-09-11',
      });
    const engine = new DealDuplicateEngine([
      ...tenant(),
      retyped('againR', 'again', REORDERED),
      retyped('onceR', 'once', ONCE),
    ]);
    const again = engine.score('againA', 'againR');
    const once = engine.score('onceA', 'onceR');
    expect(customerOf(once)?.level).toBe('same_name');
    // Read apart (two accounts), the two pairs scored the same; given the customer, the never re-ordered kit counts.
    expect(once.score - again.score).toBeGreaterThan(3);
    expect(customerOf(once)?.text).toContain(
      "3 of its 33 deals hold this exact basket; the kit's 40 other buyers order it again in 0 of their 400 other deals",
    );
  });

  it('weights estimated before kit figures were stored weigh both pairs alike, as against the tenant', () => {
    const records = tenant();
    const { kitRepeats, ...older } = new DealDuplicateEngine(records).weights();
    expect(kitRepeats?.kits).toBeDefined();
    const engine = new DealDuplicateEngine(records, { weights: older });
    expect(engine.score('onceA', 'onceB').score).toBe(engine.score('againA', 'againB').score);
  });

  it('statistics read from a stored index weigh as the scan does: kit figures from the weights, the customer’s counts from `#as:` keys', () => {
    const records = tenant();
    const scan = new DealDuplicateEngine(records);
    const weights = scan.weights();
    const counts = new Map<string, number>();
    for (const r of records) for (const k of statKeys(r)) counts.set(k, (counts.get(k) ?? 0) + 1);
    const stats = CorpusStats.fromCounts(counts);
    stats.weights = weights;
    expect(stats.accountBasketsMeasured()).toBe(true);
    expect(stats.accountBasketCount('acc-again', basketSignature(REORDERED))).toBe(2);
    expect(stats.accountBasketDeals('acc-again')).toBe(scan.stats.accountBasketDeals('acc-again'));
    const stored = new DealDuplicateEngine(records, { stats });
    for (const [a, b] of [
      ['againA', 'againB'],
      ['onceA', 'onceB'],
    ] as const) {
      const fromStored = stored.score(a, b);
      expect(fromStored.score).toBe(scan.score(a, b).score);
      expect(customerOf(fromStored)?.text).toContain('other buyers');
    }
  });

  it('an index stored before customer baskets were counted keeps the reading of the kit against the tenant', () => {
    const records = tenant();
    const counts = new Map<string, number>();
    for (const r of records)
      for (const k of statKeys(r))
        if (!k.startsWith('#as') && !k.startsWith('#ab:')) counts.set(k, (counts.get(k) ?? 0) + 1);
    const stats = CorpusStats.fromCounts(counts);
    stats.weights = new DealDuplicateEngine(records).weights();
    expect(stats.accountBasketsMeasured()).toBe(false);
    const engine = new DealDuplicateEngine(records, { stats });
    const once = engine.score('onceA', 'onceB');
    expect(once.score).toBe(engine.score('againA', 'againB').score);
    expect(customerOf(once)?.text).not.toContain('other buyers');
  });

  it('more repeat orders of the kit by its other buyers never weigh the pair more (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 20 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 2, max: 40 }),
        (buyers, repeats, more, own) => {
          const score = (again: number) => {
            // `buyers` holders of the kit besides the pair, `again` of them a second order of a
            // buyer that holds it already: as many holders and deals either way, only fewer buyers.
            const owners = Array.from({ length: buyers + 10 }, (_, i) => (i < again ? 'b0' : `b${i}`));
            const holders = owners.map((buyer, i) => kitDeal(`k${i}`, buyer, ONCE, null));
            const records = [
              ...Array.from({ length: 200 }, (_, i) => deal(`o${i}`, { requiredDelivery: day(i * 3) })),
              ...holders,
              ...[...new Set(owners)].flatMap((buyer) => projectsOf(buyer, 5)),
              ...projectsOf('big', own),
              kitDeal('x', 'big', ONCE, '2026-09-10'),
              kitDeal('y', 'big', ONCE, '2026-09-12'),
            ];
            // The reference u, so only the kit figures differ between the two tenants.
            const kitRepeats = new DealDuplicateEngine(records).weights().kitRepeats;
            return new DealDuplicateEngine(records, { weights: { ...REFERENCE_WEIGHTS, kitRepeats } }).score(
              'x',
              'y',
            ).score;
          };
          expect(score(repeats + more)).toBeLessThanOrEqual(score(repeats) + 1e-9);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a tenant whose only repeat orders of kits are two customers’ does not read every customer as re-ordering: the rate is shrunk towards chance', () => {
    // 400 one-deal customers over 40 kits of 10 holders; 2 customers order their kit again 3 days on.
    const holdings = Array.from({ length: 400 }, (_, i) => ({
      accountId: `c${i}`,
      signature: `kit${i % 40}`,
      day: i,
    }));
    holdings.push(
      { accountId: 'c0', signature: 'kit0', day: 3 },
      { accountId: 'c1', signature: 'kit1', day: 4 },
    );
    const figures = kitRepeatFigures(holdings);
    // Counted alone, 2 repeats of 2 other deals: a rate of 1.
    expect(figures.rate).toBeLessThan(0.05);
    expect(figures.rate).toBeGreaterThan(0);
    expect(figures.gaps).toEqual({ pairs: 2, byBin: [0, 2, 0, 0, 0, 0, 0, 0] });
    expect(figures.kits.kit0).toEqual([10, 1, 1]);
    expect(figures.copies).toEqual({});
    // The same two entered again for the same day are copies of one order: no re-order at all.
    holdings.splice(
      400,
      2,
      { accountId: 'c0', signature: 'kit0', day: 0 },
      { accountId: 'c1', signature: 'kit1', day: 1 },
    );
    const copied = kitRepeatFigures(holdings);
    expect(copied.rate).toBe(0);
    expect(copied.gaps).toEqual({ pairs: 0, byBin: [0, 0, 0, 0, 0, 0, 0, 0] });
    expect(copied.kits.kit0).toEqual([10, 0, 0]);
    expect(copied.copies).toEqual({ 'c0|kit0': 1, 'c1|kit1': 1 });
    // Many buyers re-ordering speak for themselves: the pseudo-deals barely move the rate.
    const busy = Array.from({ length: 4000 }, (_, i) => ({
      accountId: `b${i % 200}`,
      signature: `kit${i % 2}`,
      day: i,
    }));
    expect(kitRepeatFigures(busy).rate).toBeGreaterThan(0.45);
  });
});
