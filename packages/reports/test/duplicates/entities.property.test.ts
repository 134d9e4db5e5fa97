import {
  type AccountsMatch,
  prepareAccount,
  prepareContact,
  scoreAccounts,
  scoreContacts,
} from '@gongfu/reports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// Spellings that exercise every branch of the name comparison: legal forms, traditional, pinyin,
// branches, twins, other trade names and other regions.
const COMPANY_NAMES = [
  '山东恒通系统集成有限公司',
  '山東恒通系統集成股份有限公司',
  'Shandong Hengtong System Integration Co., Ltd.',
  '恒通系统集成(山东)有限公司',
  '山东恒通系统集成有限公司济南分公司',
  '青岛恒通系统集成有限公司',
  '济南恒达信息技术有限公司',
  '山东恒通物流有限公司',
  '青岛 瑞达（信息技术）有限公司',
  'Hengtong',
  '恒通',
];
const PERSON_NAMES = ['张伟', 'Zhang Wei', 'Wei Zhang', '张 伟', '王芳', 'Wang Fang', '曾小华', '李娜'];

const account = fc.record({
  id: fc.constantFrom('a1', 'a2', 'a3'),
  name: fc.constantFrom(...COMPANY_NAMES),
  ownerId: fc.constant('u1'),
  creditCode: fc.constantFrom(null, '91370600MA3C8K2L7Q', '91370600MA3D9P4R2T'),
  phones: fc.subarray(['0531-8888 0000', '+86 531 88880000', '0532-6666 1234']),
  emails: fc.subarray(['sales@hengtong-si.com.cn', 'ht@163.com', 'info@ruida.cn']),
  region: fc.option(fc.record({ province: fc.constantFrom('37', '44') }), { nil: null }),
});
const contact = fc.record({
  id: fc.constantFrom('c1', 'c2'),
  name: fc.constantFrom(...PERSON_NAMES),
  ownerId: fc.constant('u1'),
  accountId: fc.constantFrom('a1', 'a2', 'a3'),
  phone: fc.constantFrom(null, '0531-8888 0000'),
  mobile: fc.constantFrom(null, '138 0013 8000', '+8613800138000', '139 0013 9000'),
  email: fc.constantFrom(null, 'zhangwei@hengtong-si.com.cn', 'wf@hengtong-si.com.cn'),
});

/** Weights as a multiset keyed by signal name: swapping the records must not change one. */
const weights = (signals: { name: string; level: string; weight: number }[]) =>
  signals.map((s) => `${s.name}:${s.level}:${s.weight}`).sort();

describe('entity scores are symmetric (generated records)', () => {
  it('scoring (x, y) and (y, x) gives the same score, levels and weights, with a and b swapped', () => {
    fc.assert(
      fc.property(account, account, (rx, ry) => {
        const [x, y] = [prepareAccount(rx), prepareAccount(ry)];
        const xy = scoreAccounts(x, y);
        const yx = scoreAccounts(y, x);
        expect(yx.score).toBe(xy.score);
        expect(weights(yx.signals)).toEqual(weights(xy.signals));
        for (const s of xy.signals) {
          const t = yx.signals.find((u) => u.name === s.name);
          expect([t?.a, t?.b]).toEqual([s.b, s.a]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('contact scores are symmetric whenever the account relation is', () => {
    fc.assert(
      fc.property(contact, contact, account, account, (rx, ry, ax, ay) => {
        const x = prepareContact(rx, prepareAccount({ ...ax, id: rx.accountId }));
        const y = prepareContact(ry, prepareAccount({ ...ay, id: ry.accountId }));
        // A symmetric relation between the generated accounts: a1 and a2 are one company.
        const same: AccountsMatch = (p, q) => [p, q].sort().join() === 'a1,a2';
        expect(scoreContacts(y, x, same).score).toBe(scoreContacts(x, y, same).score);
        expect(weights(scoreContacts(y, x, same).signals)).toEqual(
          weights(scoreContacts(x, y, same).signals),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('a shared credit code always pairs two accounts, and two different codes never do', () => {
    fc.assert(
      fc.property(account, account, (rx, ry) => {
        const s = scoreAccounts(prepareAccount(rx), prepareAccount(ry));
        // Even against every other signal (a code typed on the wrong record is worth a manager's look).
        if (rx.creditCode && rx.creditCode === ry.creditCode) expect(s.score).toBeGreaterThanOrEqual(0);
        if (rx.creditCode && ry.creditCode && rx.creditCode !== ry.creditCode)
          expect(s.score).toBeLessThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
