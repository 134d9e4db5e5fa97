import {
  type AccountRecord,
  accountScan,
  type EntityDuplicate,
  prepareAccount,
  scanEntities,
  scoreAccounts,
} from '@gongfu/reports';
import { describe, expect, it } from 'vitest';

let seq = 0;
const account = (name: string, extra: Partial<AccountRecord> = {}): AccountRecord => ({
  id: `a${String(seq++).padStart(4, '0')}`,
  name,
  ownerId: 'u1',
  creditCode: null,
  phones: [],
  emails: [],
  ...extra,
});
const pair = (x: AccountRecord, y: AccountRecord) => scoreAccounts(prepareAccount(x), prepareAccount(y));
const level = (p: { signals: { name: string; level: string }[] }, name: string) =>
  p.signals.find((s) => s.name === name)?.level;
const everything = { minScore: -1e9, limit: 10_000 };
const find = (found: EntityDuplicate[], x: AccountRecord, y: AccountRecord) =>
  found.find((p) => [p.a.id, p.b.id].sort().join() === [x.id, y.id].sort().join());

describe('company names across scripts and businesses', () => {
  it('reads English and pinyin names of businesses beyond IT and logistics as the Chinese name', () => {
    for (const [zh, latin] of [
      ['泽新医药(东莞)有限公司', 'Zexin Pharmaceutical (Dongguan) Co., Ltd.'],
      ['上海汇恒食品有限公司', 'SHANGHAI HUIHENG FOOD CO., LTD.'],
      ['郑州鑫恒供应链管理有限公司', 'Zhengzhou Xinheng Supply Chain Management Co., Ltd.'],
      ['南京恒宏印刷有限公司', 'Nanjing Henghong Yinshua Youxian Gongsi'],
    ] as const) {
      const p = pair(account(zh), account(latin));
      expect(level(p, 'name')).toBe('same_pinyin');
      expect(level(p, 'industry')).toBe('same');
      expect(p.score).toBeGreaterThanOrEqual(0);
    }
  });

  it('keeps two Chinese trade names that only sound alike apart (恒通 / 亨通)', () => {
    const p = pair(account('山东恒通物流有限公司'), account('山东亨通物流有限公司'));
    expect(level(p, 'name')).toBe('similar');
    expect(p.score).toBeLessThan(0);
  });

  it('tells a related business from the same one: 恒通物流 is not 恒通仓储, in words', () => {
    const p = pair(account('济南恒通物流有限公司'), account('济南恒通仓储有限公司'));
    expect(level(p, 'industry')).toBe('related');
    expect(p.score).toBeLessThan(0);
    expect(p.explanation.text).toContain('different though related lines of business (物流 / 仓储)');
  });

  it('places a name without a region by its switchboard, and says so', () => {
    const regionless = account('通联物流集团有限公司', { phones: ['0755-7370-0520'] });
    const zibo = pair(regionless, account('通联(淄博)物流有限公司', { phones: ['0533-6041-7130'] }));
    expect(level(zibo, 'region')).toBe('different_city_by_phone');
    expect(zibo.score).toBeLessThan(0);
    expect(zibo.explanation.text).toContain(
      'one in Shenzhen, Guangdong (by phone area code), the other in Zibo, Shandong',
    );
    const shenzhen = pair(regionless, account('深圳通联物流有限公司'));
    expect(level(shenzhen, 'region')).toBe('same_city_by_phone');
    expect(shenzhen.score).toBeGreaterThanOrEqual(0);
  });
});

describe('a common trade name counts for less (scan over many accounts)', () => {
  it('pairs a bare name where few accounts share it, not where a dozen do, and says why', () => {
    const rare = [account('瑞鼎物流有限公司'), account('瑞鼎物流')];
    const common = [account('恒通物流有限公司'), account('恒通物流')];
    // Ten more real 恒通 logistics companies in cities nobody typed in the pair above.
    const cities = ['济南', '青岛', '烟台', '潍坊', '南京', '苏州', '广州', '深圳', '杭州', '武汉'];
    const others = cities.map((city) => account(`${city}恒通物流有限公司`));
    const found = scanEntities(accountScan([...rare, ...common, ...others]), everything);
    const rarePair = find(found, rare[0] as AccountRecord, rare[1] as AccountRecord);
    const commonPair = find(found, common[0] as AccountRecord, common[1] as AccountRecord);
    expect(rarePair?.score).toBeGreaterThanOrEqual(0);
    expect(commonPair?.score).toBeLessThan(0);
    expect(commonPair?.explanation.text).toContain('a common name (12 accounts share it)');
    // Outside a scan there is nothing to count: the same pair alone counts the name in full.
    expect(pair(common[0] as AccountRecord, common[1] as AccountRecord).score).toBe(rarePair?.score);
  });

  it('a scan reports each pair with the score its own signals add up to', () => {
    const names = [
      '山东恒通系统集成有限公司',
      '恒通系统集成(山东)股份有限公司',
      'Shandong Hengtong System Integration Co., Ltd.',
    ];
    const records = [
      ...names.map((n) => account(n, { phones: ['0531-8888 0000'] })),
      ...names.map((n) => account(n.replace('系统集成', '物流').replace('System Integration', 'Logistics'))),
      account('山东恒通系统集成有限公司济南分公司', { emails: ['ji@hengtong-si.com.cn'] }),
    ];
    const found = scanEntities(accountScan(records), everything);
    expect(found.length).toBeGreaterThan(5);
    for (const p of found) {
      const sum = p.signals.reduce((s, x) => s + x.weight, -8);
      expect(p.score).toBeCloseTo(sum, 6);
      expect(p.explanation.text.length).toBeGreaterThan(0);
    }
  });
});
