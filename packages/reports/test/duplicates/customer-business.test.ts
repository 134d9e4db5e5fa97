import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorpusStats } from '../../src/duplicates/corpus-stats.js';
import { measureCustomer } from '../../src/duplicates/measures.js';
import { DealPreparer } from '../../src/duplicates/prepared-deal.js';
import { dealFields, toRecord } from './deal-arbitraries.js';

const plain = toRecord(fc.sample(dealFields, { numRuns: 1, seed: 7 })[0]!, 0);
const preparer = new DealPreparer();
const stats = new CorpusStats();
const level = (a: string, b: string) =>
  measureCustomer(
    preparer.prepare({ ...plain, accountId: 'x', accountName: a, accountKeys: [] }),
    preparer.prepare({ ...plain, accountId: 'y', accountName: b, accountKeys: [] }),
    stats,
  ).level;

describe('the customer of two deals: one trade name in two businesses', () => {
  it('reads one trade name in two unrelated businesses as two companies, and in one business as one', () => {
    expect(level('上海海鑫食品有限公司', '常州海鑫钢铁股份有限公司')).toBe('different');
    expect(level('潍坊中瑞钢铁股份有限公司', '中瑞机械')).toBe('different');
    // Spellings of one company: the same business in both scripts, a related one, or none named.
    expect(level('唐山伟新制药有限公司', '伟新制药(唐山)有限公司')).toBe('same_name');
    expect(level('石家庄伟达机电设备股份有限公司', 'SHIJIAZHUANG WEIDA ELECTROMECHANICAL CO LTD')).toBe('same_name');
    expect(level('南京控瑞工控设备有限公司', 'Kongrui Industrial Control (Nanjing) Co., Ltd.')).toBe('same_name');
    expect(level('济南恒通物流有限公司', '恒通仓储有限公司')).toBe('same_name');
    expect(level('南京中源化工有限公司', '南京中源')).toBe('same_name');
  });
});
