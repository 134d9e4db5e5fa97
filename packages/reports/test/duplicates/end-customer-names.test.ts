import { renderBuiltIn } from '@gongfu/core';
import { DealDuplicateEngine, type DealRecord, type DuplicateWeights, explain } from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMMON_FROM,
  commonCharacters,
  readEndCustomer,
  withoutCommon,
} from '../../src/duplicates/end-customers.js';
import { DealPreparer } from '../../src/duplicates/prepared-deal.js';
import { isDuplicateWeights, REFERENCE_WEIGHTS } from '../../src/duplicates/weights.js';
import { deal, oneOffProjects, provinces } from './basket-tenant.js';

/**
 * End-customer names compared without the characters most of the tenant's names hold
 * (`end-customers.ts`, `readEndCustomer`): where nearly every bid names its end customer as
 * "<city><site><year>年<purpose>采购项目", one bid typed without "采购" names the same end customer,
 * and two names alike only in that template are two end customers.
 */

const CITIES = ['广州', '深圳', '杭州', '南京', '成都', '济南'];
const SITES = ['人民医院', '物流园', '冷链仓', '配送中心', '制造园区', '机场货站'];
const PURPOSES = ['扫码设备', '移动终端', '仓储信息化', '标签打印'];

/** 300 integrators' bids, each for its own end customer's tender named as the template has it. */
const bids = (): DealRecord[] =>
  Array.from({ length: 300 }, (_, i) =>
    deal(`b${i}`, {
      accountKind: 'system_integrator',
      endCustomer: `${CITIES[i % 6]}${SITES[Math.floor(i / 6) % 6]}${2025 + (i % 3)}年${PURPOSES[i % 4]}采购项目`,
      province: provinces[i % 6] as string,
    }),
  );

/** Two integrators' bids alike in all but the end customer each names. */
const pair = (name: string, endA: string, endB: string): DealRecord[] =>
  [endA, endB].map((endCustomer, k) =>
    deal(`${name}${k === 0 ? 'A' : 'B'}`, {
      accountKind: 'system_integrator',
      endCustomer,
      lines: [{ sku: `ONE-${name}`, category: null, quantity: 37 }],
      requiredDelivery: '2026-03-04',
    }),
  );

const STORY = ['济南机场货站2026年条码打印采购项目', '济南机场货站2026年条码打印项目'] as const;
const TEMPLATE = ['佛山人民医院2026年移动终端采购项目', '深圳连锁超市2026年移动终端采购项目'] as const;
const YEARS = ['青岛物流园2025年扫码设备采购项目', '青岛物流园2026年扫码设备采购项目'] as const;

const tenant = (): DealRecord[] => [
  ...oneOffProjects(),
  ...bids(),
  ...pair('story', ...STORY),
  ...pair('template', ...TEMPLATE),
  ...pair('years', ...YEARS),
];

const endCustomerOf = <S extends { name: string }>(s: { signals: S[] }) =>
  s.signals.find((x) => x.name === 'end_customer');

/** The tenant's weights as an estimate made before names were read without common characters. */
function typedAsIs(weights: DuplicateWeights): DuplicateWeights {
  const { common: _, names: __, ...figures } = weights.endCustomers ?? { deals: 0, chance: 0, byName: {} };
  return { ...weights, endCustomers: figures };
}

describe('end-customer names read without the characters most of the tenant’s names hold', () => {
  it('learns which characters nearly every name carries, never a digit', () => {
    const figures = new DealDuplicateEngine(tenant()).weights().endCustomers;
    expect(figures?.common).toBe([...'年购目采项'].sort().join(''));
    expect(figures?.names).toBe(306);
  });

  it('one end customer typed with and without 采购 is the same end customer, and the words say what set them apart', () => {
    const engine = new DealDuplicateEngine(tenant());
    const story = engine.score('storyA', 'storyB');
    const end = endCustomerOf(story);
    expect(end?.level).toBe('same');
    expect(end?.weight).toBeGreaterThanOrEqual(6);
    expect(end?.text).toContain(
      `both for the same end customer (${STORY[0]} / ${STORY[1]}: they differ only in “采购”, which most of the tenant’s 306 end-customer names hold)`,
    );
    expect(renderBuiltIn(end?.message ?? { key: '', params: {} }, 'zh-CN')).toContain(
      `最终客户相同（${STORY[0]} / ${STORY[1]}：只差“采购”，而本公司 306 个最终客户名称中多数都含这些字）`,
    );
    expect(explain(story.signals)).toContain('they differ only in “采购”');
    // Read as typed (an estimate without the characters), the two were only "similar": 3 bits.
    const before = new DealDuplicateEngine(tenant(), { weights: typedAsIs(engine.weights()) });
    expect(endCustomerOf(before.score('storyA', 'storyB'))?.level).toBe('similar');
    expect(story.score - before.score('storyA', 'storyB').score).toBeGreaterThanOrEqual(3);
  });

  it('two end customers alike in the year, the purpose and the words every name carries are different, two years of one are not one', () => {
    const engine = new DealDuplicateEngine(tenant());
    expect(endCustomerOf(engine.score('templateA', 'templateB'))?.level).toBe('different');
    // A digit is never common: another year is another purchase, still only similar.
    expect(endCustomerOf(engine.score('yearsA', 'yearsB'))?.level).toBe('similar');
    const before = new DealDuplicateEngine(tenant(), { weights: typedAsIs(engine.weights()) });
    expect(endCustomerOf(before.score('templateA', 'templateB'))?.level).toBe('similar');
  });

  it('the scan weighs each pair as its score does', () => {
    const engine = new DealDuplicateEngine(tenant());
    const scanned = engine.scan({ minScore: -40, limit: 100_000 }).pairs;
    for (const id of ['story', 'template', 'years']) {
      const found = scanned.find((p) => [p.a.id, p.b.id].sort().join() === `${id}A,${id}B`);
      expect(found?.score).toBe(engine.score(`${id}A`, `${id}B`).score);
    }
  });

  it(`a tenant with fewer than ${COMMON_FROM} names compares them as typed`, () => {
    const few = [...oneOffProjects(), ...bids().slice(0, COMMON_FROM - 3), ...pair('story', ...STORY)];
    const engine = new DealDuplicateEngine(few);
    expect(engine.weights().endCustomers?.common).toBeUndefined();
    expect(endCustomerOf(engine.score('storyA', 'storyB'))?.level).toBe('similar');
  });

  it('the characters survive the stored document; another shape is refused', () => {
    const weights = new DealDuplicateEngine(tenant()).weights();
    const stored: unknown = JSON.parse(JSON.stringify(weights));
    expect(isDuplicateWeights(stored)).toBe(true);
    const reread = new DealDuplicateEngine(tenant(), { weights: stored as DuplicateWeights });
    expect(reread.score('storyA', 'storyB').score).toBe(
      new DealDuplicateEngine(tenant()).score('storyA', 'storyB').score,
    );
    const figures = { deals: 4, chance: 0.5, byName: {} };
    expect(isDuplicateWeights({ ...REFERENCE_WEIGHTS, endCustomers: { ...figures, common: 7 } })).toBe(false);
    expect(isDuplicateWeights({ ...REFERENCE_WEIGHTS, endCustomers: { ...figures, names: -1 } })).toBe(false);
  });

  it('for any names: the common characters are held by more than half and are no digits, and adding them to a name never changes how it reads', () => {
    const alphabet = fc.constantFrom(...'采购项目年医院物流园广州深圳0123456789');
    const name = fc.array(alphabet, { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(
        fc.array(name, { minLength: COMMON_FROM, maxLength: 80 }),
        name,
        fc.array(fc.nat(), { maxLength: 6 }),
        (names, one, at) => {
          const common = commonCharacters(names);
          for (const ch of common) {
            expect(ch).not.toMatch(/\p{Nd}/u);
            expect(names.filter((n) => n.includes(ch)).length * 2).toBeGreaterThan(names.length);
          }
          const read = withoutCommon(one, common);
          if ([...read].length < 2 || read === one) return;
          // The name with common characters put in anywhere reads as the name.
          let typed = one;
          for (const [k, p] of at.entries()) {
            const ch = common[k % Math.max(1, common.length)] ?? '';
            typed = typed.slice(0, p % (typed.length + 1)) + ch + typed.slice(p % (typed.length + 1));
          }
          expect(withoutCommon(typed, common)).toBe(read);
        },
      ),
    );
  });

  it('a deal’s reading is made once per set of characters', () => {
    const p = new DealPreparer().prepare(deal('x', { endCustomer: STORY[0] }));
    const figures = { deals: 30, chance: 0.1, byName: {}, common: '购采', names: 30 };
    expect(readEndCustomer(p, figures)).toBe('济南机场货站2026年条码打印项目');
    expect(readEndCustomer(p, { ...figures, common: '年' })).toBe('济南机场货站2026条码打印采购项目');
    expect(readEndCustomer(p, undefined)).toBe(STORY[0]);
  });
});
