import { type Crm, createCrm } from '@gongfu/core';
import { openWorld, type ServiceWorld } from '@gongfu/service-suites';
import { faultyStorage, InjectedFault } from '@gongfu/service-suites/faults';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  checkDealForDuplicates,
  REFRESH_PAGE,
  type RefreshProgress,
  refreshDedupeIndex,
} from '../../src/index.js';
import {
  deal,
  STANDARD_BUNDLE,
  STORY_BASKET,
  type StoryWorld,
  seedStory,
} from '../duplicates/story-world.js';

const PAGE = 4;

/** The story's deals and 20 more on a file-less SQLite database whose raw rows the test can read. */
type RawWorld = StoryWorld & { raw: Database.Database };

async function world(): Promise<RawWorld> {
  const raw = new Database(':memory:');
  const w = await seedStory(await openWorld(await sqliteStorage({ database: raw })));
  for (let i = 0; i < 20; i++) {
    const basket = i % 2 === 0 ? STORY_BASKET : STANDARD_BUNDLE;
    await deal(
      w.crm,
      w.org.admin,
      i % 3 === 0 ? w.hengtong : w.ruida,
      `批量项目 ${i}`,
      basket,
      `2026-0${1 + (i % 9)}-15`,
    );
  }
  return { ...w, raw };
}

/** What the key tables hold for the tenant, minus the refresh instant (a clock reading). */
function keyTables(w: RawWorld) {
  const rows = (sql: string) => w.raw.prepare(sql).all(w.crm.tenantId);
  return {
    keys: rows(
      'select key, opportunity_id from dedupe_keys where tenant_id = ? order by key, opportunity_id',
    ),
    blocks: rows('select key, size from dedupe_blocks where tenant_id = ? order by key'),
    sources: rows(
      `select opportunity_id, version, account_version from dedupe_sources
       where tenant_id = ? and opportunity_id <> '' order by opportunity_id`,
    ),
  };
}

const watermarkOf = (w: RawWorld) =>
  w.raw
    .prepare(`select seen_at from dedupe_sources where tenant_id = ? and opportunity_id = ''`)
    .get(w.crm.tenantId);

/** The world's service over another storage (the faulty one), same tenant, clock and ids. */
const crmOver = (w: ServiceWorld, storage: Crm['storage']) =>
  createCrm({ storage, tenant: w.crm.tenantId, clock: w.clock, timeZone: 'Asia/Shanghai' });

describe('the dedupe key build in short transactions (SQLite)', () => {
  it('reports progress page by page: from 0 to every stale deal, never backwards', async () => {
    const w = await world();
    const seen: RefreshProgress[] = [];
    const keyed = await refreshDedupeIndex(w.crm, { pageSize: PAGE, onProgress: (p) => seen.push(p) });
    expect(keyed).toBeGreaterThan(2 * PAGE);
    expect(seen[0]).toEqual({ done: 0, total: keyed });
    expect(seen.at(-1)).toEqual({ done: keyed, total: keyed });
    expect(seen).toHaveLength(Math.ceil(keyed / PAGE) + 1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]?.done).toBeGreaterThan(seen[i - 1]?.done ?? 0);
    // Nothing changed since: the next refresh finds nothing, and says so once.
    const again: RefreshProgress[] = [];
    expect(await refreshDedupeIndex(w.crm, { onProgress: (p) => again.push(p) })).toBe(0);
    expect(again).toEqual([{ done: 0, total: 0 }]);
    await w.storage.close();
  });

  it('without a page size, a page after a write that held the lock long takes fewer deals', async () => {
    const w = await world();
    for (let i = 20; i < 45; i++)
      await deal(w.crm, w.org.admin, w.ruida, `批量项目 ${i}`, STANDARD_BUNDLE, '2026-03-15');
    // Every write transaction holds the lock 40 ms or more: the next page must be at most half as big.
    const slow: Crm['storage'] = {
      ...w.storage,
      transaction: (scope, fn) =>
        w.storage.transaction(scope, async (tx) => {
          const result = await fn(tx);
          await new Promise((resolve) => setTimeout(resolve, 40));
          return result;
        }),
    };
    const seen: RefreshProgress[] = [];
    const keyed = await refreshDedupeIndex(crmOver(w, slow), { onProgress: (p) => seen.push(p) });
    const pages = seen.slice(1).map((p, i) => p.done - (seen[i]?.done ?? 0));
    expect(pages.reduce((sum, n) => sum + n, 0)).toBe(keyed);
    expect(pages[0]).toBe(REFRESH_PAGE);
    for (let i = 1; i < pages.length - 1; i++)
      expect(pages[i]).toBeLessThanOrEqual(Math.max(1, Math.round((pages[i - 1] as number) / 2)));
    await w.storage.close();
  });

  it('killed mid-build, it leaves whole pages only and resumes to exactly the keys of a clean build', async () => {
    const clean = await world();
    await refreshDedupeIndex(clean.crm, { pageSize: PAGE });
    const expected = keyTables(clean);
    await clean.storage.close();

    // The same world again (sequential ids): the build dies on its third page's write.
    const w = await world();
    const faulty = faultyStorage(w.storage);
    const build = refreshDedupeIndex(crmOver(w, faulty.storage), {
      pageSize: PAGE,
      onProgress: ({ done }) => {
        if (done === 2 * PAGE) faulty.failAt(1);
      },
    });
    await expect(build).rejects.toBeInstanceOf(InjectedFault);
    faulty.disarm();
    const partial = keyTables(w);
    // Two pages committed, each deal with all its keys, block sizes exact for what is there.
    expect(partial.sources).toHaveLength(2 * PAGE);
    const keyedIds = new Set(partial.sources.map((s) => (s as { opportunity_id: string }).opportunity_id));
    for (const key of partial.keys as { key: string; opportunity_id: string }[])
      expect(keyedIds.has(key.opportunity_id)).toBe(true);
    const counts = new Map<string, number>();
    for (const { key } of partial.keys as { key: string }[]) counts.set(key, (counts.get(key) ?? 0) + 1);
    expect(partial.blocks).toEqual(
      [...counts].sort(([p], [q]) => (p < q ? -1 : 1)).map(([key, size]) => ({ key, size })),
    );
    expect(partial.keys).toEqual(
      (expected.keys as { opportunity_id: string }[]).filter((k) => keyedIds.has(k.opportunity_id)),
    );
    // The watermark did not move: the next refresh looks at every deal again.
    expect(watermarkOf(w)).toBeUndefined();
    // A check meanwhile answers from the keys present (it resumes the build first, as any refresh).
    const resumed: RefreshProgress[] = [];
    await refreshDedupeIndex(w.crm, { pageSize: PAGE, onProgress: (p) => resumed.push(p) });
    expect(resumed[0]?.total).toBe(expected.sources.length - 2 * PAGE);
    expect(keyTables(w)).toEqual(expected);
    expect(watermarkOf(w)).toBeDefined();
    const partners = await checkDealForDuplicates(w.crm, w.org.manager, w.dealA.id, { minScore: -1000 });
    expect(partners.flatMap((p) => [p.a.id, p.b.id])).toContain(w.dealB.id);
    await w.storage.close();
  });

  it('lets commands in between pages: a command issued during the build commits before the build ends', async () => {
    const w = await world();
    const order: string[] = [];
    let command: Promise<unknown> | undefined;
    await refreshDedupeIndex(w.crm, {
      pageSize: PAGE,
      onProgress: ({ done }) => {
        if (done === PAGE)
          command = w.crm.accounts
            .create(w.org.repA, { name: '建设中插入的客户', kind: 'end_user' })
            .then(() => order.push('command'));
      },
    });
    order.push('build');
    await command;
    expect(order).toEqual(['command', 'build']);
    await w.storage.close();
  });
});
