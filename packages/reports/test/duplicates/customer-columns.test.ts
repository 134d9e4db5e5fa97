import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CustomerColumns } from '../../src/duplicates/customer-columns.js';
import { mayBeOneCustomer } from '../../src/duplicates/kit-repeats.js';
import { metByLine } from '../../src/duplicates/met-by-line.js';
import { DealPreparer } from '../../src/duplicates/prepared-deal.js';
import { dealFields, toRecord } from './deal-arbitraries.js';

/** Names that meet by cleaned name, trade name or pinyin, short trade names and pinyin among them. */
const names = fc.constantFrom(
  '山东恒通系统集成有限公司',
  '山東恆通系統集成有限公司',
  '恒通',
  'Hengtong System Integration Co., Ltd.',
  '青岛瑞达信息技术有限公司',
  '瑞达',
  '济南AB科技有限公司',
  '青岛AB有限公司',
  'A',
  '',
);

const deal = fc.record({
  fields: dealFields,
  accountId: fc.constantFrom('a1', 'a2', 'a3'),
  accountName: names,
  accountKeys: fc.subarray(['cc:91370100MA3C5K1X2Y', 'ph:+8653188880000', 'ph:+8653288880001', 'em:x@y.cn']),
});

describe('the scan reads who buys from integer columns', () => {
  it('answers metByLine and mayBeOneCustomer exactly as the string comparisons do, for every pair', () => {
    fc.assert(
      fc.property(fc.array(deal, { minLength: 2, maxLength: 12 }), (drawn) => {
        const preparer = new DealPreparer();
        const deals = drawn.map((d, i) =>
          preparer.prepare({
            ...toRecord(d.fields, i),
            accountId: d.accountId,
            accountName: d.accountName,
            accountKeys: d.accountKeys,
          }),
        );
        const columns = new CustomerColumns(deals);
        for (let i = 0; i < deals.length; i++)
          for (let j = 0; j < deals.length; j++) {
            const [x, y] = [deals[i]!, deals[j]!];
            expect(columns.metByLine(i, j)).toBe(metByLine(x, y));
            expect(columns.mayBeOneCustomer(i, j)).toBe(mayBeOneCustomer(x, y));
          }
      }),
      { numRuns: 400 },
    );
  });

  it('tells the cases apart: a shared key, a short trade name, a tender, an end customer', () => {
    const preparer = new DealPreparer();
    const base = toRecord(fc.sample(dealFields, { numRuns: 1, seed: 3 })[0]!, 0);
    const plain = { ...base, endCustomer: null, endCustomerAccountId: null, tender: null, accountKeys: [] };
    const deals = [
      { ...plain, accountId: 'x', accountName: '山东恒通系统集成有限公司' },
      { ...plain, accountId: 'y', accountName: '青岛瑞达信息技术有限公司' },
      {
        ...plain,
        accountId: 'z',
        accountName: '青岛瑞达信息技术有限公司',
        accountKeys: ['ph:+8653188880000'],
      },
      { ...plain, accountId: 'w', accountName: '济南恒通科技有限公司', accountKeys: ['ph:+8653188880000'] },
      { ...plain, accountId: 'v', accountName: '济南远宇机械有限公司', tender: 'SD-2026-0315' },
      { ...plain, accountId: 'u', accountName: '佛山远宇机械有限公司', tender: 'sd 2026 0315' },
      { ...plain, accountId: 't', accountName: '北京华信有限公司', endCustomer: '青岛港二期' },
      { ...plain, accountId: 's', accountName: '上海申达有限公司', endCustomer: '青岛港 二期' },
    ].map((r, i) => preparer.prepare({ ...r, id: `d${i}` }));
    const columns = new CustomerColumns(deals);
    // Two customers with nothing in common are met by what they buy; one that may be the other is not.
    expect([columns.metByLine(0, 1), columns.mayBeOneCustomer(0, 1)]).toEqual([true, false]);
    expect([columns.metByLine(2, 3), columns.mayBeOneCustomer(2, 3)]).toEqual([false, true]);
    expect([columns.metByLine(1, 2), columns.mayBeOneCustomer(1, 2)]).toEqual([false, true]);
    // One tender in two spellings, one end customer in two spellings: met by the buyer, not the line.
    expect(columns.metByLine(4, 5)).toBe(false);
    expect(columns.metByLine(6, 7)).toBe(false);
    expect(columns.metByLine(4, 6)).toBe(true);
  });
});
