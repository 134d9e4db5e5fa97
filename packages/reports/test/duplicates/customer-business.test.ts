import { CITY_NAMES } from '@gongfu/core';
import fc from 'fast-check';
import { pinyin } from 'pinyin-pro';
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
    expect(level('石家庄伟达机电设备股份有限公司', 'SHIJIAZHUANG WEIDA ELECTROMECHANICAL CO LTD')).toBe(
      'same_name',
    );
    expect(level('南京控瑞工控设备有限公司', 'Kongrui Industrial Control (Nanjing) Co., Ltd.')).toBe(
      'same_name',
    );
    expect(level('济南恒通物流有限公司', '恒通仓储有限公司')).toBe('same_name');
    expect(level('南京中源化工有限公司', '南京中源')).toBe('same_name');
  });

  it('property: spellings of one company keep "same name"; one trade name in two unrelated businesses never has it', () => {
    const businesses: [string, string][] = [
      ['制药', 'Pharmaceutical'],
      ['钢铁', 'Steel'],
      ['食品', 'Foods'],
      ['纺织', 'Textile'],
      ['水务', 'Water'],
      ['热电', 'Thermal Power'],
      ['仪器仪表', 'Instruments'],
    ];
    const latin = (han: string) => pinyin(han, { toneType: 'none', separator: '', v: true });
    fc.assert(
      fc.property(
        fc.constantFrom(...CITY_NAMES),
        fc.constantFrom('伟新', '恒通', '瑞达', '宏天', '鑫科'),
        fc.constantFrom(...businesses),
        fc.constantFrom(...businesses),
        (city, trade, [zh, en], [other]) => {
          const registered = `${city}${trade}${zh}有限公司`;
          for (const spelling of [
            `${trade}${zh}(${city})股份有限公司`,
            `${city}市${trade}${zh}有限责任公司`,
            `${latin(trade)} ${en} (${latin(city)}) Co., Ltd.`,
            `${city}${trade}`,
          ])
            expect(level(registered, spelling), spelling).toBe('same_name');
          if (other !== zh) expect(level(registered, `${city}${trade}${other}有限公司`)).toBe('different');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the customer of two deals: one trade name registered in two cities', () => {
  it('reads one trade name in two named cities as two companies, and a name without a city as either', () => {
    expect(level('潍坊工源仪器仪表有限公司', '烟台工源仪器仪表有限公司')).toBe('different');
    expect(level('石家庄达工工控设备有限公司', '杭州达工机械有限公司')).toBe('different');
    // The city in brackets, or in pinyin, is the same city.
    expect(level('潍坊工源仪器仪表有限公司', '工源仪器仪表(潍坊)有限公司')).toBe('same_name');
    expect(level('南京中源化工有限公司', 'Zhongyuan Chemical (Nanjing) Co., Ltd.')).toBe('same_name');
    expect(level('南京中源化工有限公司', 'Zhongyuan Chemical (Suzhou) Co., Ltd.')).toBe('different');
    // No city, or only a province, says nothing against the city the other names.
    expect(level('潍坊工源仪器仪表有限公司', '工源仪器仪表')).toBe('same_name');
    expect(level('潍坊工源仪器仪表有限公司', '山东工源仪器仪表股份有限公司')).toBe('same_name');
    // A branch in another city is the company's branch, not another registration.
    expect(level('潍坊工源仪器仪表有限公司', '潍坊工源仪器仪表有限公司烟台分公司')).toBe('branch');
  });

  it('lets a shared phone or credit code say one company whatever the cities', () => {
    const identity = measureCustomer(
      preparer.prepare({
        ...plain,
        accountId: 'x',
        accountName: '潍坊工源仪器仪表有限公司',
        accountKeys: ['tel:05363334444'],
      }),
      preparer.prepare({
        ...plain,
        accountId: 'y',
        accountName: '烟台工源仪器仪表有限公司',
        accountKeys: ['tel:05363334444'],
      }),
      stats,
    );
    expect(identity.level).toBe('same_identity');
  });

  it('property: two cities, one trade name and business: never one customer; one city in any spelling: always', () => {
    const cityPairs = fc
      .tuple(fc.constantFrom(...CITY_NAMES), fc.constantFrom(...CITY_NAMES))
      .filter(([a, b]) => pinyin(a, { toneType: 'none' }) !== pinyin(b, { toneType: 'none' }));
    fc.assert(
      fc.property(
        cityPairs,
        fc.constantFrom('伟新', '恒通', '瑞达', '宏天', '鑫科'),
        fc.constantFrom('制药', '钢铁', '仪器仪表', '工控设备'),
        ([city, other], trade, business) => {
          const registered = `${city}${trade}${business}有限公司`;
          expect(level(registered, `${other}${trade}${business}有限公司`)).toBe('different');
          expect(level(registered, `${trade}${business}(${other})有限公司`)).toBe('different');
          expect(level(registered, `${trade}${business}(${city})有限公司`)).toBe('same_name');
        },
      ),
      { numRuns: 300 },
    );
  });
});
