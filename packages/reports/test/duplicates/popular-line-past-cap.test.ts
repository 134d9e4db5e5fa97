import { renderBuiltIn } from '@gongfu/core';
import { DealDuplicateEngine, type DealLine, type DealRecord } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BLOCK } from '../../src/duplicates/blocking.js';
import { comparedHolders, HOLDERS_PSEUDO } from '../../src/duplicates/line-reading.js';
import { basketOf, day, deal, oneOffProjects, provinces } from './basket-tenant.js';

/**
 * A line more deals hold than a block pairs (`comparedHolders`): its holders meet only through the
 * block split by province and delivery month, so two customers compared for that line alone read it
 * against the deals a holder is compared with — below 0 bits — while region and delivery weigh the
 * province and month among all pairs; a pair compared for a name it shares reads it as before.
 */

const POPULAR: DealLine = { sku: 'POP-A', category: null, quantity: 200 };
const HOLDERS = 400;

/** 2,000 one-off projects, 400 holders of 200 × POP-A (each its own customer, province and date), and two pairs. */
function tenant(): DealRecord[] {
  const holders = Array.from({ length: HOLDERS }, (_, i) =>
    deal(`h${i}`, {
      lines: [POPULAR, { sku: `OWN-${i}`, category: null, quantity: 50 }],
      province: provinces[i % 6] as string,
      requiredDelivery: day((i * 13) % 700),
    }),
  );
  const own = (id: string): DealLine[] => [{ sku: `${id}-1`, category: null, quantity: 30 }];
  // Two customers in Shandong three days apart, sharing the popular line and nothing else; the
  // second pair the same, and naming one end customer (compared for that name).
  const pairs = [
    deal('lineA', { lines: [POPULAR, ...own('la')], requiredDelivery: '2026-06-01' }),
    deal('lineB', { lines: [POPULAR, ...own('lb')], requiredDelivery: '2026-06-04' }),
    deal('nameA', {
      lines: [POPULAR, ...own('na')],
      requiredDelivery: '2026-06-01',
      endCustomer: '济南海川医院',
    }),
    deal('nameB', {
      lines: [POPULAR, ...own('nb')],
      requiredDelivery: '2026-06-04',
      endCustomer: '济南海川医院',
    }),
  ];
  return [...oneOffProjects(), ...holders, ...pairs];
}

describe('a line held by more deals than a block pairs', () => {
  it('is read below 0 for two customers compared for it alone, as before for two compared for a name', () => {
    const engine = new DealDuplicateEngine(tenant());
    const partners = engine.weights().partnersPerDeal ?? Number.NaN;
    // The pair's own two holdings are not others choosing the line.
    const others = HOLDERS + 2;
    expect(partners).toBeLessThan(DEFAULT_MAX_BLOCK);
    const byLine = basketOf(engine.score('lineA', 'lineB'));
    const byName = basketOf(engine.score('nameA', 'nameB'));
    const expectedByLine = Math.log2(DEFAULT_MAX_BLOCK / (others + HOLDERS_PSEUDO));
    const expectedByName = Math.log2(others / (others + HOLDERS_PSEUDO));
    expect(byLine?.weight ?? Number.NaN).toBeLessThan(0);
    // Both pairs lose the same unmatched line a side: the difference is the reading alone.
    expect((byName?.weight ?? Number.NaN) - (byLine?.weight ?? Number.NaN)).toBeCloseTo(
      expectedByName - expectedByLine,
      2,
    );
    // The explanation names the deals a holder is compared with, not all the holders, and says why it counts against.
    expect(byLine?.text).toContain(
      `${others} other deals hold 200–499 POP-A too, more than the ${DEFAULT_MAX_BLOCK} each deal here is compared with, so these two met for sharing the province and month as well, and the line counts against`,
    );
    expect(renderBuiltIn(byLine?.message ?? { key: '', params: {} }, 'zh-CN')).toContain(
      `另有 ${others} 笔商机含有数量 200–499 的POP-A，多于每笔商机在这里比对的约 ${DEFAULT_MAX_BLOCK} 笔`,
    );
    expect(byName?.text).toContain(
      `${others} other deals hold 200–499 POP-A too, and each deal here is compared with about ${others}`,
    );
    expect(engine.score('lineA', 'lineB').score).toBeLessThan(0);
  });

  it('is read as before within the cap, never higher past it, and past it and the partners more holders weigh less', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 5000, noNaN: true }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        (partners, others, more) => {
          const before = comparedHolders(partners, others, false);
          const byLine = comparedHolders(partners, others, true);
          expect(before).toBe(Math.max(partners, others));
          expect(byLine).toBeLessThanOrEqual(before);
          if (others <= DEFAULT_MAX_BLOCK) expect(byLine).toBe(before);
          const bits = (o: number, byLine: boolean) =>
            Math.log2(comparedHolders(partners, o, byLine) / (o + HOLDERS_PSEUDO));
          // Past the partners and the cap, by count (the reading before it stays near 0 there: u < 1).
          const past = Math.max(others, Math.ceil(partners), DEFAULT_MAX_BLOCK);
          expect(bits(past + more + 1, true)).toBeLessThan(bits(past, true));
          expect(bits(past + more + 1, true)).toBeLessThanOrEqual(bits(past + more + 1, false));
        },
      ),
    );
  });
});
