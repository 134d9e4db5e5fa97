import { renderBuiltIn } from '@gongfu/core';
import { DealDuplicateEngine, type DealLine, type DealRecord, type DuplicateWeights } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basketOf, copiedProject, day, deal, oneOffProjects, provinces } from './basket-tenant.js';

/**
 * A standard kit weighed against the partners a deal is compared with (`commonBasketCap`): the
 * prior is per compared pair, so the kit's u is the share of a deal's partners that hold it too.
 */

const KIT: DealLine[] = [
  { sku: 'TAB-100', category: 'rugged_tablet', quantity: 100 },
  { sku: 'SCN-20', category: 'presentation_scanner', quantity: 20 },
];

/**
 * 2,000 one-off projects and 30 holders of one kit, spread over six provinces and two years; the
 * pair weighed: two kit holders of different customers in Shandong, deliveries 3 days apart.
 */
function tenant(): DealRecord[] {
  const others = oneOffProjects();
  const kits = Array.from({ length: 28 }, (_, i) =>
    deal(`k${i}`, { lines: KIT, province: provinces[i % 6] as string, requiredDelivery: day(i * 25) }),
  );
  const pair = [
    deal('kitA', { lines: KIT, requiredDelivery: '2026-06-01', amountMinor: 1_200_000 }),
    deal('kitB', { lines: KIT, requiredDelivery: '2026-06-04', amountMinor: 1_200_000 }),
  ];
  // A one-off project of one customer entered a second time.
  const copy = copiedProject(others);
  return [...others, ...kits, ...pair, copy];
}

describe('a standard kit is weighed against the partners a deal is compared with', () => {
  it('two customers buying one kit in one province in one week are not proposed; a copied project is', () => {
    const engine = new DealDuplicateEngine(tenant());
    const weights = engine.weights();
    // Kit holders are compared with one another; one-off deals hardly with anyone.
    expect(weights.partnersPerDeal).toBeGreaterThan(0);
    expect(weights.partnersPerDeal).toBeLessThan(29);
    const kit = engine.score('kitA', 'kitB');
    expect(kit.score).toBeLessThan(0);
    expect(basketOf(kit)?.text).toContain(
      `this exact basket is in 30 of 2031 deals, and each deal here is compared with about 29 others, so a shared kit counts little`,
    );
    expect(engine.score('o0', 'o0-copy').score).toBeGreaterThan(0);
    // Read against all deals (an estimate made before `partnersPerDeal`), the kit pair was proposed.
    const { partnersPerDeal: _, ...allDeals } = weights;
    const before = new DealDuplicateEngine(tenant(), { weights: allDeals as DuplicateWeights });
    expect(before.score('kitA', 'kitB').score).toBeGreaterThan(0);
  });

  it('the fewer partners a deal has, the less an identical kit weighs, and never more than read against all deals', () => {
    const records = tenant();
    const estimated = new DealDuplicateEngine(records).weights();
    const { partnersPerDeal: _, ...allDeals } = estimated;
    // One engine; each reading swaps the weights it scores with (the statistics stay).
    const engine = new DealDuplicateEngine(records, { weights: estimated });
    const against = (partners: number | undefined) => {
      engine.stats.weights = (
        partners === undefined ? allDeals : { ...allDeals, partnersPerDeal: partners }
      ) as DuplicateWeights;
      return basketOf(engine.score('kitA', 'kitB'))?.weight ?? Number.NaN;
    };
    const all = against(undefined);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        (p, q) => {
          const [fewer, more] = p <= q ? [p, q] : [q, p];
          expect(against(fewer)).toBeLessThanOrEqual(against(more));
          expect(against(more)).toBeLessThanOrEqual(all);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a kit copied whole into another deal with a line more weighs no more than the kit itself, and says so', () => {
    const records = tenant();
    const withMore = deal('kitPlus', {
      lines: [...KIT, { sku: 'SRV-9', category: 'server', quantity: 1 }],
      // As kitB in all else: the line more is the only difference the two pairs have.
      requiredDelivery: '2026-06-04',
      amountMinor: 1_200_000,
    });
    const engine = new DealDuplicateEngine([...records, withMore]);
    const contained = engine.score('kitA', 'kitPlus');
    const identical = engine.score('kitA', 'kitB');
    expect(basketOf(contained)?.weight).toBeLessThanOrEqual(basketOf(identical)?.weight ?? Number.NaN);
    expect(contained.score).toBeLessThan(0);
    const clause = contained.signals.find((x) => x.name === 'basket');
    expect(clause?.text).toContain(
      'one of them is exactly a kit 30 of 2032 deals hold, so a shared kit counts little',
    );
    expect(renderBuiltIn(clause?.message ?? { key: '', params: {} }, 'zh-CN')).toContain(
      '其中一笔恰好是 2032 笔商机中有 30 笔相同的标准套装',
    );
  });

  it('a quantity re-typed within 10 % counts above the cap of its band, which many deals share', () => {
    const one = (q: number) => [{ sku: 'SCN-X', category: 'scanner', quantity: q }];
    // 30 deals of one scanner, 200–490 units (one band), spread over the year; the pair: 291 / 297.
    const holders = Array.from({ length: 30 }, (_, i) =>
      deal(`h${i}`, { lines: one(200 + i * 10), requiredDelivery: day(i * 12) }),
    );
    const others = Array.from({ length: 300 }, (_, i) => deal(`o${i}`, { requiredDelivery: day(i) }));
    const pair = [deal('p', { lines: one(291) }), deal('q', { lines: one(297) })];
    const engine = new DealDuplicateEngine([...others, ...holders, ...pair]);
    const partners = engine.weights().partnersPerDeal ?? Number.NaN;
    const otherHolders = 30;
    const bandOnly = Math.log2((0.5 * Math.max(partners, otherHolders + 1)) / (otherHolders + 0.1));
    // Within 10 % of 291 is at most a fifth of the band's 300 quantities: at least log2(300 / 58) bits more.
    expect(basketOf(engine.score('p', 'q'))?.weight).toBeGreaterThan(bandOnly + 2);
  });
});
