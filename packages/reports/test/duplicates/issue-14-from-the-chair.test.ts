/**
 * Issues 14 and 15 as a user reads them: written from the README, docs/ and the built type
 * declarations only, importing the package entry points as an app would. It asserts behaviour a
 * user was promised (who ranks first, what is found, what is refused and how), never exact scores.
 */
import { type ActorRef, type Crm, createCrm, createTenantAdmin, isCrmError } from '@gongfu/core';
import {
  allDuplicateDeals,
  checkDealForDuplicates,
  type DealDuplicate,
  findDuplicateClusters,
  findDuplicateDeals,
  findDuplicateDealsPage,
  type RefreshProgress,
  reestimateDuplicateWeights,
  refreshDedupeIndex,
  refreshDuplicateWeights,
} from '@gongfu/reports';
import { postgresStorage } from '@gongfu/storage-postgres';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PG_URL = process.env.GONGFU_PG_URL;

interface Engine {
  name: string;
  open: () => Promise<{ crm: Crm; close: () => Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'sqlite',
    open: async () => {
      const storage = await sqliteStorage({ filename: ':memory:' });
      return { crm: createCrm({ storage, timeZone: 'Asia/Shanghai' }), close: () => storage.close() };
    },
  },
];
if (PG_URL) {
  engines.push({
    name: 'postgres',
    open: async () => {
      const schema = `chair_${process.pid}_${Date.now().toString(36)}`;
      const storage = await postgresStorage({ connectionString: PG_URL }, { schema });
      return {
        crm: createCrm({ storage, timeZone: 'Asia/Shanghai' }),
        close: async () => {
          await storage.close();
          const client = new pg.Client({ connectionString: PG_URL });
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await client.end();
        },
      };
    },
  });
}

const cny = (yuan: number) => ({ amount: yuan * 100, currency: 'CNY' });

/** A workspace with 李庆成 and his two salespeople, and the catalogue of the story. */
async function salesTeam(crm: Crm) {
  const admin = await crm.users.create(crm.system, { name: 'Admin', role: 'admin' });
  const li = await crm.users.create(admin, { name: '李庆成', role: 'sales_manager' });
  const jia = await crm.users.create(li, {
    name: '销售员甲',
    role: 'sales_rep',
    managerId: li.id,
    channel: 'key_account',
  });
  const yi = await crm.users.create(li, {
    name: '销售员乙',
    role: 'sales_rep',
    managerId: li.id,
    channel: 'key_account',
  });
  const catalogue = [
    { sku: 'LS2208', name: 'Symbol LS2208 激光扫描器', category: 'laser_scanner', price: 1080 },
    { sku: 'SRV-R740', name: '服务器 R740', category: 'server', price: 60_000 },
    { sku: 'WMS-STD', name: '仓库管理解决方案', category: 'wms', price: 150_000 },
    { sku: 'NET-SW24', name: '网络交换机', category: 'network', price: 4_000 },
  ];
  for (const p of catalogue) {
    await crm.products.create(li, {
      sku: p.sku,
      name: p.name,
      category: p.category,
      listPrice: cny(p.price),
    });
  }
  return { admin, li, jia, yi };
}

/** 200 laser scanners, a server, a warehouse management solution and some network gear. */
const storyLines = [
  { sku: 'LS2208', quantity: 200, unitPrice: cny(980) },
  { sku: 'SRV-R740', quantity: 1, unitPrice: cny(58_000) },
  { sku: 'WMS-STD', quantity: 1, unitPrice: cny(140_000) },
  { sku: 'NET-SW24', quantity: 6, unitPrice: cny(3_800) },
];

const samePair = (p: DealDuplicate, x: string, y: string) =>
  (p.a.id === x && p.b.id === y) || (p.a.id === y && p.b.id === x);
const pairKey = (p: DealDuplicate) => [p.a.id, p.b.id].sort().join('|');

/** A sentence a manager can read: no message keys, placeholders or missing values left in it. */
function expectReadable(text: string) {
  expect(text.length).toBeGreaterThan(10);
  expect(text).not.toMatch(/[{}]|undefined|NaN|null|duplicate\.|\[object/);
}

async function expectCrmError(run: () => Promise<unknown>, code?: string) {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a typed error, got a result').toBeDefined();
  expect(isCrmError(error), `not a CrmError: ${String(error)}`).toBe(true);
  if (code && isCrmError(error)) expect(error.code, error.message).toBe(code);
}

describe.each(engines)('issue 14 from the chair ($name)', (engine) => {
  let crm: Crm;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ crm, close } = await engine.open());
  });
  afterAll(async () => close());

  describe('a small tenant: one deal, its exact copy, its story twin', () => {
    let li: ActorRef;
    let deal: string;
    let copy: string;
    let twin: string;
    beforeAll(async () => {
      const team = await salesTeam(crm);
      li = team.li;
      const hengtong = await crm.accounts.create(team.jia, {
        name: '山东恒通系统集成有限公司',
        kind: 'system_integrator',
        region: { province: '37' },
      });
      const ruida = await crm.accounts.create(team.yi, {
        name: '青岛瑞达信息技术有限公司',
        kind: 'system_integrator',
        region: { province: '37' },
      });
      const common = {
        channel: 'key_account' as const,
        lines: storyLines,
        requiredDelivery: '2026-06-30',
        region: { province: '37' },
        endCustomer: { name: '山东物流集团' },
      };
      deal = (
        await crm.opportunities.create(team.jia, {
          ...common,
          name: '物流集团仓库项目',
          accountId: hengtong.id,
        })
      ).id;
      copy = (
        await crm.opportunities.create(team.jia, {
          ...common,
          name: '物流集团仓库项目',
          accountId: hengtong.id,
        })
      ).id;
      twin = (
        await crm.opportunities.create(team.yi, { ...common, name: '山东物流仓储改造', accountId: ruida.id })
      ).id;
    });

    it('ranks the exact copy first, with a high probability', async () => {
      const pairs = await findDuplicateDeals(crm, li);
      expect(pairs.length).toBeGreaterThan(0);
      const [first] = pairs;
      expect(first && samePair(first, deal, copy), `first pair: ${first?.a.name} / ${first?.b.name}`).toBe(
        true,
      );
      expect(first?.copy).toBe(true);
      expect(first?.probability).toBeGreaterThanOrEqual(0.9);
    });

    it('finds the story pair and explains it in English and Chinese', async () => {
      const en = await findDuplicateDeals(crm.with({ locale: 'en' }), li);
      const story = en.find((p) => samePair(p, deal, twin));
      expect(story, 'the two integrators’ deals are not proposed').toBeDefined();
      if (!story) return;
      expect(story.probability).toBeGreaterThan(0.5);
      expectReadable(story.explanation.text);
      expect(story.explanation.text).toMatch(/Shandong/);
      expect(story.explanation.text).toMatch(/200/);

      const zh = await findDuplicateDeals(crm.with({ locale: 'zh-CN' }), li);
      const zhStory = zh.find((p) => samePair(p, deal, twin));
      expect(zhStory).toBeDefined();
      if (!zhStory) return;
      expectReadable(zhStory.explanation.text);
      expect(zhStory.explanation.text).toMatch(/山东/);
      expect(zhStory.explanation.text).toMatch(/\p{Script=Han}/u);
      // The structured message renders to the same words in either language (English text begins
      // the sentence with a capital, the rendered clause does not).
      expect(crm.say(story.explanation.message, 'zh-CN')).toBe(zhStory.explanation.text);
      const enAgain = crm.say(zhStory.explanation.message, 'en');
      expect(enAgain.charAt(0).toUpperCase() + enAgain.slice(1)).toBe(story.explanation.text);
      // Counts read as English: "1 other deal", "1 also has".
      expect(story.explanation.text).not.toMatch(/\b1 other deals\b|\b1 also have\b/);
      for (const s of zhStory.signals) expect(crm.say(s.message, 'zh-CN')).not.toMatch(/duplicate\./);
    });

    it('the incremental check finds the partners the scan finds', async () => {
      const scan = await findDuplicateDeals(crm, li, { limit: 100 });
      for (const id of [deal, copy, twin]) {
        const fromScan = scan
          .filter((p) => p.a.id === id || p.b.id === id)
          .map(pairKey)
          .sort();
        const fromCheck = (await checkDealForDuplicates(crm, li, id)).map(pairKey).sort();
        expect(fromCheck).toEqual(fromScan);
      }
    });
  });

  describe('three copies of one deal', () => {
    it('come back as one cluster, ahead of anything else', async () => {
      await createTenantAdmin(crm.storage).create({ id: 'copies', name: '三份副本' });
      const t = crm.forTenant('copies');
      const team = await salesTeam(t);
      const hengtong = await t.accounts.create(team.jia, {
        name: '山东恒通系统集成有限公司',
        kind: 'system_integrator',
        region: { province: '37' },
      });
      const other = await t.accounts.create(team.yi, {
        name: '北京华光商贸有限公司',
        kind: 'dealer',
        region: { province: '11' },
      });
      const input = {
        name: '物流集团仓库项目',
        accountId: hengtong.id,
        channel: 'key_account' as const,
        lines: storyLines,
        requiredDelivery: '2026-06-30',
        region: { province: '37' },
      };
      const copies: string[] = [];
      for (let c = 0; c < 3; c++) copies.push((await t.opportunities.create(team.jia, input)).id);
      const unrelated = await t.opportunities.create(team.yi, {
        name: '门店扫描器',
        accountId: other.id,
        channel: 'key_account',
        lines: [{ sku: 'LS2208', quantity: 12, unitPrice: cny(1050) }],
        requiredDelivery: '2026-04-15',
        region: { province: '11' },
      });

      const clusters = await findDuplicateClusters(t, team.li);
      expect(clusters).toHaveLength(1);
      const [cluster] = clusters;
      expect([...(cluster?.dealIds ?? [])].sort()).toEqual([...copies].sort());
      expect(cluster?.dealIds).not.toContain(unrelated.id);
      expect(cluster?.copy).toBe(true);
      expect(cluster?.probability).toBeGreaterThanOrEqual(0.9);
      for (const p of cluster?.pairs ?? []) {
        expect(copies).toContain(p.a.id);
        expect(copies).toContain(p.b.id);
      }
    });
  });

  describe('thirty deals entered three times each', () => {
    const groups: string[][] = [];
    let li: ActorRef;
    let t: Crm;
    beforeAll(async () => {
      const admin = createTenantAdmin(crm.storage);
      await admin.create({ id: 'triplicates', name: '三份副本' });
      t = crm.forTenant('triplicates');
      const team = await salesTeam(t);
      li = team.li;
      for (let g = 0; g < 30; g++) {
        const sku = `KIT-${String(g).padStart(2, '0')}`;
        await t.products.create(li, {
          sku,
          name: `套件 ${g}`,
          category: `kit_${g}`,
          listPrice: cny(500 + g),
        });
        const account = await t.accounts.create(team.jia, {
          name: `客户${g}号贸易有限公司`,
          kind: 'end_user',
          region: { province: g % 2 ? '37' : '11' },
        });
        const input = {
          name: `项目 ${g}`,
          accountId: account.id,
          channel: 'key_account' as const,
          lines: [{ sku, quantity: 13 + 7 * g, unitPrice: cny(480 + g) }],
          requiredDelivery: `2026-${String(1 + (g % 12)).padStart(2, '0')}-${String(3 + (g % 25)).padStart(2, '0')}`,
          region: { province: g % 2 ? '37' : '11' },
        };
        const ids: string[] = [];
        for (let c = 0; c < 3; c++) ids.push((await t.opportunities.create(team.jia, input)).id);
        groups.push(ids.sort());
      }
    });

    it('walks the whole result with no silent cap', async () => {
      const all: DealDuplicate[] = [];
      for await (const p of allDuplicateDeals(t, li)) all.push(p);
      // More than the default page of 50, each pair once, each a copy of one deal, best first.
      expect(all.length).toBeGreaterThan(50);
      expect(new Set(all.map(pairKey)).size).toBe(all.length);
      const group = (id: string) => groups.findIndex((g) => g.includes(id));
      for (const p of all) expect(group(p.a.id)).toBe(group(p.b.id));
      // Copies head the list, whatever their score.
      const firstNonCopy = all.findIndex((p) => !p.copy);
      if (firstNonCopy >= 0) expect(all.slice(firstNonCopy).some((p) => p.copy)).toBe(false);

      // The same result by pages: the cursor says where the rest is, and the pages add up.
      const paged: DealDuplicate[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await findDuplicateDealsPage(t, li, { limit: 20, ...(cursor ? { cursor } : {}) });
        expect(page.pairs.length).toBeLessThanOrEqual(20);
        paged.push(...page.pairs);
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor && pages < 100);
      expect(cursor).toBeUndefined();
      expect(paged.map(pairKey)).toEqual(all.map(pairKey));

      // The first page of the default size says there is more.
      const first = await findDuplicateDealsPage(t, li);
      expect(first.pairs.length).toBeLessThan(all.length);
      expect(first.nextCursor).not.toBeNull();

      // Without a limit the plain scan is the whole result too: no default cap drops pairs unsaid.
      expect((await findDuplicateDeals(t, li)).map(pairKey)).toEqual(all.map(pairKey));
    });

    it('a limit above the maximum is honoured or refused, never silently cut', async () => {
      let total = 0;
      for await (const _ of allDuplicateDeals(t, li)) total += 1;
      for (const limit of [total + 1, 10_001, 1_000_000]) {
        const outcome = await findDuplicateDeals(t, li, { limit }).then(
          (pairs) => ({ pairs }),
          (error: unknown) => ({ error }),
        );
        if ('error' in outcome) {
          expect(isCrmError(outcome.error, 'VALIDATION'), String(outcome.error)).toBe(true);
        } else {
          expect(outcome.pairs).toHaveLength(total);
        }
      }
    });
  });

  describe('bad input gives typed errors', () => {
    let li: ActorRef;
    let t: Crm;
    beforeAll(async () => {
      await createTenantAdmin(crm.storage).create({ id: 'bad-input', name: '错误输入' });
      t = crm.forTenant('bad-input');
      ({ li } = await salesTeam(t));
    });

    it('refuses a negative, fractional or missing-number limit', async () => {
      for (const limit of [-1, 2.5, Number.NaN]) {
        await expectCrmError(() => findDuplicateDeals(t, li, { limit }), 'VALIDATION');
        await expectCrmError(() => findDuplicateDealsPage(t, li, { limit }), 'VALIDATION');
        await expectCrmError(() => checkDealForDuplicates(t, li, 'x', { limit }));
      }
    });

    it('refuses a score floor that is not a number, on every way in', async () => {
      const minScore = Number.NaN;
      await expectCrmError(() => findDuplicateDeals(t, li, { minScore }), 'VALIDATION');
      await expectCrmError(() => findDuplicateDealsPage(t, li, { minScore }), 'VALIDATION');
      await expectCrmError(() => findDuplicateClusters(t, li, { minScore }), 'VALIDATION');
      await expectCrmError(async () => {
        for await (const _ of allDuplicateDeals(t, li, { minScore })) break;
      }, 'VALIDATION');
    });

    it('refuses a malformed cursor', async () => {
      for (const cursor of [
        'garbage',
        '',
        '%%%',
        'o:-5',
        'o:1.5',
        Buffer.from('{"offset":-5}').toString('base64url'),
      ]) {
        await expectCrmError(() => findDuplicateDealsPage(t, li, { cursor }), 'VALIDATION');
      }
    });

    it('an unknown deal is not found', async () => {
      await expectCrmError(() => checkDealForDuplicates(t, li, 'no-such-deal'), 'NOT_FOUND');
    });

    it('an unknown tenant or actor is a typed error', async () => {
      // Nothing of another workspace is found, and nothing says whether it exists.
      const nowhere = crm.forTenant('no-such-tenant');
      await expectCrmError(() => findDuplicateDeals(nowhere, li), 'NOT_FOUND');
      await expectCrmError(() => findDuplicateDealsPage(nowhere, li), 'NOT_FOUND');
      await expectCrmError(() => findDuplicateClusters(nowhere, li), 'NOT_FOUND');
      await expectCrmError(() => checkDealForDuplicates(nowhere, li, 'no-such-deal'), 'NOT_FOUND');
      await expectCrmError(() => refreshDedupeIndex(nowhere), 'NOT_FOUND');
      await expectCrmError(() => findDuplicateDeals(t, { id: 'ghost' }), 'NOT_FOUND');
      await expectCrmError(async () => findDuplicateDeals(crm.forTenant('Not A Tenant!'), li), 'VALIDATION');
    });
  });

  describe('issue 15: the key refresh', () => {
    it('reports progress and resumes after an interruption', async () => {
      await createTenantAdmin(crm.storage).create({ id: 'refresh', name: '刷新' });
      const t = crm.forTenant('refresh');
      const team = await salesTeam(t);
      const account = await t.accounts.create(team.jia, { name: '济南华信物流有限公司', kind: 'end_user' });
      for (let i = 0; i < 23; i++) {
        await t.opportunities.create(team.jia, {
          name: `项目 ${i}`,
          accountId: account.id,
          channel: 'key_account',
          lines: [{ sku: 'LS2208', quantity: 10 + i, unitPrice: cny(990) }],
        });
      }
      const seen: RefreshProgress[] = [];
      const stop = new Error('stopped by the test');
      await expect(
        refreshDedupeIndex(t, {
          pageSize: 5,
          pauseMs: 0,
          onProgress: (p) => {
            seen.push({ ...p });
            if (p.done >= 10) throw stop;
          },
        }),
      ).rejects.toBe(stop);
      expect(seen[0]).toEqual({ done: 0, total: 23 });
      expect(seen.at(-1)?.done).toBe(10);

      const resumed: RefreshProgress[] = [];
      const found = await refreshDedupeIndex(t, {
        pageSize: 5,
        pauseMs: 0,
        onProgress: (p) => resumed.push({ ...p }),
      });
      expect(resumed.length).toBeGreaterThan(1);
      expect(resumed[0]?.done).toBe(0);
      for (let i = 1; i < resumed.length; i++) {
        expect(resumed[i]?.done).toBeGreaterThanOrEqual(resumed[i - 1]?.done ?? 0);
      }
      const last = resumed.at(-1);
      expect(last?.done).toBe(last?.total);
      // Resumed: the ten keyed before the interruption are not found stale again.
      expect(found).toBe(13);
      expect(last?.total).toBe(13);
      // And then nothing is left to do.
      expect(await refreshDedupeIndex(t, { pauseMs: 0 })).toBe(0);
    });

    it('two refreshes and two re-estimates at once both finish, with one result', async () => {
      await createTenantAdmin(crm.storage).create({ id: 'together', name: '并发' });
      const t = crm.forTenant('together');
      const team = await salesTeam(t);
      const account = await t.accounts.create(team.jia, { name: '烟台港物流有限公司', kind: 'end_user' });
      for (let i = 0; i < 12; i++) {
        await t.opportunities.create(team.jia, {
          name: `项目 ${i}`,
          accountId: account.id,
          channel: 'key_account',
          lines: [{ sku: 'NET-SW24', quantity: 3 + i, unitPrice: cny(3_900) }],
        });
      }
      const [x, y] = await Promise.all([
        refreshDedupeIndex(t, { pageSize: 4, pauseMs: 0 }),
        refreshDedupeIndex(t, { pageSize: 4, pauseMs: 0 }),
      ]);
      expect(x + y).toBeGreaterThanOrEqual(12);
      expect(await refreshDedupeIndex(t, { pauseMs: 0 })).toBe(0);

      const [v, w] = await Promise.all([reestimateDuplicateWeights(t), reestimateDuplicateWeights(t)]);
      // Neither fails: either one stored and the other took its version, or (SQLite runs one
      // transaction at a time) they ran one after the other.
      expect(Math.abs(v.version - w.version)).toBeLessThanOrEqual(1);
      expect(v.deals).toBe(12);
      expect(w.deals).toBe(12);
      expect((await refreshDuplicateWeights(t)).version).toBe(Math.max(v.version, w.version));
    });
  });
});

describe('issue 15: the SQLite page cache (cacheSizeMiB)', () => {
  it('accepts a size in MiB', async () => {
    for (const cacheSizeMiB of [1, 16, 256]) {
      const storage = await sqliteStorage({ filename: ':memory:', cacheSizeMiB });
      const crm = createCrm({ storage });
      const admin = await crm.users.create(crm.system, { name: 'Admin', role: 'admin' });
      expect(admin.role).toBe('admin');
      await storage.close();
    }
  });

  it('refuses a size that is not one', async () => {
    for (const cacheSizeMiB of [-1, 0, Number.NaN, Number.POSITIVE_INFINITY, 1e9]) {
      await expectCrmError(() => sqliteStorage({ filename: ':memory:', cacheSizeMiB }), 'VALIDATION');
    }
  });
});
