import { renderBuiltIn } from '@gongfu/core';
import { DealDuplicateEngine, type DealRecord, explain } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endCustomerFigures, sharedEndCustomer, withoutCommon } from '../../src/duplicates/end-customers.js';
import { END_CUSTOMER, END_CUSTOMER_MAX_WEIGHT } from '../../src/duplicates/measures.js';
import { DealPreparer, normaliseFreeText } from '../../src/duplicates/prepared-deal.js';
import { ADJUST_MAX, isDuplicateWeights, REFERENCE_WEIGHTS } from '../../src/duplicates/weights.js';
import { deal, oneOffProjects, provinces } from './basket-tenant.js';

/**
 * "The same end customer" read against how many of the tenant's deals name it (`end-customers.ts`):
 * where integrators bid again and again for a province's big hospital, two bids naming it are weak
 * evidence of one tender; two naming an end customer no other deal names are strong.
 */

const COMMON = '济南市第一人民医院';
const RARE = '寿光市蔬菜物流园';

/** One tender's two bids through two integrators, alike in all but the end customer they name. */
const bids = (name: string, endCustomer: string): DealRecord[] =>
  ['A', 'B'].map((side) =>
    deal(`${name}${side}`, {
      accountKind: 'system_integrator',
      endCustomer,
      lines: [{ sku: `ONE-${name}`, category: null, quantity: 37 }],
      requiredDelivery: '2026-03-04',
    }),
  );

/**
 * 2,000 one-off projects naming no end customer, 200 bids naming the common hospital, 400 naming one
 * end customer each, and the two tenders' bids.
 */
function tenant(): DealRecord[] {
  const hospital = Array.from({ length: 200 }, (_, i) =>
    deal(`h${i}`, { endCustomer: COMMON, province: provinces[i % 6] as string }),
  );
  const others = Array.from({ length: 400 }, (_, i) =>
    deal(`e${i}`, { endCustomer: `第${i}号最终用户`, province: provinces[i % 6] as string }),
  );
  return [...oneOffProjects(), ...hospital, ...others, ...bids('common', COMMON), ...bids('rare', RARE)];
}

const endCustomerOf = <S extends { name: string }>(s: { signals: S[] }) =>
  s.signals.find((x) => x.name === 'end_customer');

describe('the same end customer, read against the tenant’s end customers', () => {
  it('two bids naming an end customer few deals name weigh more than two naming one hundreds name, and the counts are said', () => {
    const engine = new DealDuplicateEngine(tenant());
    const rare = engine.score('rareA', 'rareB');
    const common = engine.score('commonA', 'commonB');
    // Alike in all but the end customer: read by the level alone, the two scored the same.
    expect(rare.score - common.score).toBeGreaterThan(3);
    const rareWords = endCustomerOf(rare);
    expect(rareWords?.weight).toBeGreaterThan(6);
    expect(endCustomerOf(common)?.weight).toBeLessThan(6);
    expect(rareWords?.text).toContain(
      `both for the same end customer (${RARE}) (only 2 of the tenant’s 604 deals with an end customer name it, so it counts more)`,
    );
    expect(renderBuiltIn(rareWords?.message ?? { key: '', params: {} }, 'zh-CN')).toContain(
      '本公司 604 笔填写了最终客户的商机中只有 2 笔是该客户，因此分量更重',
    );
    const commonWords = endCustomerOf(common)?.message ?? { key: '', params: {} };
    expect(renderBuiltIn(commonWords)).toContain(
      '202 of the tenant’s 604 deals with an end customer name it, so it counts less',
    );
    expect(renderBuiltIn(commonWords, 'zh-CN')).toContain(
      '本公司 604 笔填写了最终客户的商机中有 202 笔是该客户，因此分量较轻',
    );
    // The explanation a manager reads names the figure too.
    expect(explain(common.signals)).toContain('202 of the tenant’s 604 deals with an end customer name it');
  });

  it('the scan weighs each pair as its score does, and says the figure', () => {
    const engine = new DealDuplicateEngine(tenant());
    const scanned = engine.scan({ minScore: -20, limit: 10_000 }).pairs;
    for (const id of ['rare', 'common']) {
      const pair = scanned.find((p) => [p.a.id, p.b.id].sort().join() === `${id}A,${id}B`);
      expect(pair?.score).toBe(engine.score(`${id}A`, `${id}B`).score);
      expect(pair?.explanation.text).toContain('deals with an end customer name it');
    }
  });

  it('the counts survive the stored document, and weights estimated before them read the level alone', () => {
    const deals = tenant();
    const counted = new DealDuplicateEngine(deals).weights();
    // Counted by the name as compared: without the characters most of the tenant's names hold (第, 号…).
    const key = withoutCommon(normaliseFreeText(COMMON), counted.endCustomers?.common ?? '');
    expect(key).not.toBe(COMMON);
    expect(counted.endCustomers?.byName[key]).toBe(202);
    // Stored as a JSON document with the tenant's weights and read back, it weighs alike.
    const stored: unknown = JSON.parse(JSON.stringify(counted));
    expect(isDuplicateWeights(stored)).toBe(true);
    const reread = new DealDuplicateEngine(deals, { weights: stored as typeof counted });
    expect(reread.score('rareA', 'rareB').score).toBe(
      new DealDuplicateEngine(deals).score('rareA', 'rareB').score,
    );
    const { endCustomers: _, ...before } = counted;
    const engine = new DealDuplicateEngine(deals, { weights: before });
    expect(engine.score('rareA', 'rareB').score).toBe(engine.score('commonA', 'commonB').score);
    expect(endCustomerOf(engine.score('rareA', 'rareB'))?.weight).toBe(6);
  });

  it('the scan’s bound on the end customer holds the rarest end customer', () => {
    expect(END_CUSTOMER.same.weight + ADJUST_MAX).toBeLessThanOrEqual(END_CUSTOMER_MAX_WEIGHT);
  });

  it('stored end-customer counts of another shape are refused with the rest of the estimate', () => {
    const bad = { deals: 4, chance: 0.5, byName: { x: -2 } };
    expect(isDuplicateWeights({ ...REFERENCE_WEIGHTS, endCustomers: bad })).toBe(false);
    expect(
      isDuplicateWeights({ ...REFERENCE_WEIGHTS, endCustomers: { deals: 4, chance: 2, byName: {} } }),
    ).toBe(false);
    const preparer = new DealPreparer();
    const good = endCustomerFigures(
      ['a', 'a', 'b'].map((e, i) => preparer.prepare(deal(`x${i}`, { endCustomer: e }))),
    );
    expect(isDuplicateWeights({ ...REFERENCE_WEIGHTS, endCustomers: good })).toBe(true);
  });

  it('for any tenant’s end customers, one more deals name never weighs more, and one as common as a random pair’s weighs about nothing', () => {
    const preparer = new DealPreparer();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 3, maxLength: 300 }), (names) => {
        const deals = names.map((n, i) => preparer.prepare(deal(`p${i}`, { endCustomer: `用户${n}` })));
        const figures = endCustomerFigures(deals);
        const byName = new Map(deals.map((d) => [d.record.endCustomer, d]));
        const read = [...byName.values()].map((d) => ({
          holders: names.filter((n) => `用户${n}` === d.record.endCustomer).length,
          shift: sharedEndCustomer(figures, d, d)?.shift ?? 0,
        }));
        for (const a of read)
          for (const b of read) if (a.holders < b.holders) expect(a.shift).toBeGreaterThanOrEqual(b.shift);
      }),
    );
    // Every end customer equally common: each is as common as the one a random pair shares.
    const even = Array.from({ length: 3000 }, (_, i) =>
      preparer.prepare(deal(`q${i}`, { endCustomer: `用户${i % 30}` })),
    );
    const figures = endCustomerFigures(even);
    expect(Math.abs(sharedEndCustomer(figures, even[0]!, even[30]!)?.shift ?? 99)).toBeLessThan(0.05);
    expect(sharedEndCustomer(undefined, even[0]!, even[30]!)).toBeNull();
  });
});
