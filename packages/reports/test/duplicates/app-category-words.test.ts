/**
 * An app's own product category in a duplicate explanation: Gongfu has no words for "tablet", so
 * the app gives them in `messages` (`duplicate.product.tablet`, `duplicate.noun.tablet`) and the
 * explanation says them in the reader's language; until it does, the category is said as entered.
 * Through the public API only.
 */
import { type Crm, createCrm, type MessageCatalogues } from '@gongfu/core';
import { findDuplicateDeals } from '@gongfu/reports';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describe, expect, it } from 'vitest';

const cny = (yuan: number) => ({ amount: yuan * 100, currency: 'CNY' });

/** One Sichuan customer's tablet order entered twice (37 and 36 tablets two days apart), and a third deal. */
async function twoEntries(crm: Crm) {
  const admin = await crm.users.create(crm.system, { name: 'Admin', role: 'admin' });
  const manager = await crm.users.create(admin, { name: '王经理', role: 'sales_manager' });
  const rep = await crm.users.create(manager, {
    name: '张三',
    role: 'sales_rep',
    channel: 'key_account',
    managerId: manager.id,
  });
  for (const [sku, name, price] of [
    ['TAB-10', '加固平板 10 寸', 4200],
    ['TAB-12', '加固平板 12 寸', 5100],
  ] as const)
    await crm.products.create(manager, { sku, name, category: 'tablet', listPrice: cny(price) });
  const [a, b] = await Promise.all(
    ['成都天府冷链物流有限公司', '成都天府冷链物流'].map((name) =>
      crm.accounts.create(rep, { name, kind: 'end_user', region: { province: '51' } }),
    ),
  );
  const deals = [
    { name: '冷库平板', account: a, sku: 'TAB-10', quantity: 37, day: '2026-09-10' },
    { name: '冷链平板采购', account: b, sku: 'TAB-10', quantity: 36, day: '2026-09-12' },
    { name: '冷链大屏平板', account: b, sku: 'TAB-12', quantity: 37, day: '2026-09-12' },
  ];
  for (const d of deals)
    await crm.opportunities.create(rep, {
      channel: 'key_account',
      name: d.name,
      accountId: d.account?.id ?? '',
      lines: [{ sku: d.sku, quantity: d.quantity, unitPrice: cny(4000) }],
      requiredDelivery: d.day,
    });
  return manager;
}

async function explanations(messages?: MessageCatalogues, locale = 'zh-CN'): Promise<string[]> {
  const storage = await sqliteStorage({ filename: ':memory:' });
  try {
    const crm = createCrm({ storage, locale, timeZone: 'Asia/Shanghai', ...(messages ? { messages } : {}) });
    const manager = await twoEntries(crm);
    const pairs = await findDuplicateDeals(crm, manager);
    expect(pairs.length).toBeGreaterThan(0);
    return pairs.map((p) => p.explanation.text);
  } finally {
    await storage.close();
  }
}

describe("an app's own product category in a duplicate explanation", () => {
  it('is said as entered while the app gives it no words', async () => {
    const texts = await explanations();
    expect(
      texts.some((t) => t.includes('tablet')),
      texts.join('\n'),
    ).toBe(true);
    for (const t of texts) expect(t).not.toMatch(/duplicate\.(product|noun)\./);
  });

  it("is said in the app's words, in the reader's language, once the app defines them", async () => {
    const messages = {
      'zh-CN': {
        'duplicate.product.tablet': '{quantity} 台平板电脑',
        'duplicate.noun.tablet': '平板电脑',
      },
      en: {
        'duplicate.product.tablet': '{quantity, plural, one {a tablet} other {# tablets}}',
        'duplicate.noun.tablet': 'tablets',
      },
    };
    const zh = await explanations(messages);
    expect(
      zh.some((t) => /3[67] 台平板电脑/.test(t)),
      zh.join('\n'),
    ).toBe(true);
    for (const t of zh) expect(t).not.toMatch(/tablet|× 平板/);
    const en = await explanations(messages, 'en');
    expect(
      en.some((t) => /3[67] tablets/.test(t)),
      en.join('\n'),
    ).toBe(true);
  });
});
