import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorpusStats } from '../../src/duplicates/corpus-stats.js';
import { mayBeOneCustomer } from '../../src/duplicates/kit-repeats.js';
import { measureCustomer } from '../../src/duplicates/measures.js';
import { DealPreparer } from '../../src/duplicates/prepared-deal.js';
import { dealFields, toRecord } from './deal-arbitraries.js';

/** Spellings that meet in every way `compareCompanyNames` knows: one name, one trade name, one pinyin. */
const names = fc.oneof(
  fc.constantFrom(
    '山东恒通系统集成有限公司',
    '山東恆通系統集成有限公司',
    '恒通',
    '亨通系统集成有限公司',
    'Hengtong System Integration Co., Ltd.',
    'HENGTONG',
    '山东恒通系统集成有限公司青岛分公司',
    '山东恒通系统集成有限公司(青岛分公司)',
    '青岛瑞达信息技术有限公司',
    '瑞达',
    'Ruida',
    // A short Latin trade name: its pinyin is too short to count, the trade name alone joins them.
    '济南AB科技有限公司',
    '青岛AB有限公司',
  ),
  fc.string({
    unit: fc.constantFrom('恒', '通', '瑞', '达', 'A', 'b', ' ', '有限公司', '(', ')'),
    maxLength: 8,
  }),
);

describe('the kit reading asks cheaply whether two accounts may be one customer', () => {
  it('never says no where the customer comparison says same identity or same name', () => {
    const preparer = new DealPreparer();
    const stats = new CorpusStats();
    fc.assert(
      fc.property(dealFields, dealFields, names, names, (f, g, nameA, nameB) => {
        const x = preparer.prepare({ ...toRecord(f, 0), accountId: 'x', accountName: nameA });
        const y = preparer.prepare({ ...toRecord(g, 1), accountId: 'y', accountName: nameB });
        const level = measureCustomer(x, y, stats).level;
        if (level === 'same_identity' || level === 'same_name') expect(mayBeOneCustomer(x, y)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('says no to two customers with different names and no shared key', () => {
    const preparer = new DealPreparer();
    const plain = toRecord(fc.sample(dealFields, { numRuns: 1, seed: 7 })[0]!, 0);
    const x = preparer.prepare({
      ...plain,
      accountId: 'x',
      accountName: '山东恒通系统集成有限公司',
      accountKeys: [],
    });
    const y = preparer.prepare({
      ...plain,
      accountId: 'y',
      accountName: '青岛瑞达信息技术有限公司',
      accountKeys: [],
    });
    expect(mayBeOneCustomer(x, y)).toBe(false);
    const z = preparer.prepare({
      ...plain,
      accountId: 'z',
      accountName: '青岛瑞达信息技术有限公司',
      accountKeys: ['ph:+8653188880000'],
    });
    const w = preparer.prepare({
      ...plain,
      accountId: 'w',
      accountName: '济南瑞达信息科技有限公司',
      accountKeys: ['ph:+8653188880000'],
    });
    expect(mayBeOneCustomer(z, w)).toBe(true);
  });
});
