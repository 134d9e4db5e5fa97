import { openWorld } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { refreshDedupeIndex } from '../../src/index.js';
import { seedStory } from '../duplicates/story-world.js';

/**
 * Every duplicate check starts with a key refresh, whose stale query must read only what changed
 * since the last one. The statistics are those a sampled ANALYZE leaves after importing a tenant
 * whose customers hold some 2,000 deals each (the second bench generator's shape): SQLite then
 * judged "the changed accounts' deals" dearer than "every deal, then its account", and a check
 * walked all the tenant's deals (58 ms of statement time per check at 30k deals, growing with N).
 */
function writeSkewedStatistics(db: Database.Database): void {
  db.exec('analyze');
  const indexes = db
    .prepare(
      "select name, tbl_name as \"table\" from sqlite_schema where type = 'index' and tbl_name in ('opportunities', 'accounts')",
    )
    .all() as { name: string; table: string }[];
  db.prepare("delete from sqlite_stat1 where tbl in ('opportunities', 'accounts')").run();
  // The import's sampled ANALYZE leaves no samples (sqlite_stat4) for the planner to correct them with.
  if (db.prepare("select 1 from sqlite_schema where name = 'sqlite_stat4'").get() !== undefined)
    db.prepare("delete from sqlite_stat4 where tbl in ('opportunities', 'accounts')").run();
  const stat = db.prepare('insert into sqlite_stat1 (tbl, idx, stat) values (?, ?, ?)');
  for (const { name, table } of indexes) {
    const rows = table === 'opportunities' ? 100_000 : 20_000;
    const columns = (db.pragma(`index_info(${name})`) as unknown[]).length;
    // One tenant; 2,000 deals per account; every other leading column as selective as an id.
    const figures = Array.from({ length: columns }, (_, i) =>
      i === 0 ? rows : i === 1 && name === 'opportunities_account_id_page_ix' ? 2_000 : 1,
    );
    stat.run(table, name, `${rows} ${figures.join(' ')}`);
  }
  db.exec('analyze sqlite_schema');
}

describe('the key refresh before each duplicate check (SQLite plans)', () => {
  it('reads the changed deals and accounts by their ranges, never every deal of the tenant', async () => {
    const db = new Database(':memory:');
    const seen = new Set<string>();
    const prepare = db.prepare.bind(db);
    db.prepare = ((text: string) => {
      seen.add(text);
      return prepare(text);
    }) as typeof db.prepare;
    const w = await seedStory(await openWorld(await sqliteStorage({ database: db })));
    expect(await refreshDedupeIndex(w.crm)).toBeGreaterThan(0);
    writeSkewedStatistics(db);

    // A renamed account makes its deals stale (their customer keys hold its name).
    const deals = await w.crm.opportunities.list(w.org.admin, { accountId: [w.hengtong.id], limit: 50 });
    expect(deals.items.length).toBeGreaterThan(0);
    await w.crm.accounts.update(w.org.admin, w.hengtong.id, { name: '济南恒通信息系统有限公司' });
    expect(await refreshDedupeIndex(w.crm)).toBe(deals.items.length);
    expect(await refreshDedupeIndex(w.crm)).toBe(0);

    const staleQueries = [...seen].filter(
      (text) =>
        /^select "o"\."id" from|^select "id" from "accounts"/.test(text) &&
        /"updated_at" >=|"o"\."account_id" in/.test(text),
    );
    // The deals changed since, and the deals of the accounts changed since (one or two statements).
    expect(staleQueries.length).toBeGreaterThanOrEqual(2);
    for (const text of staleQueries) {
      const params = (text.match(/\?/g) ?? []).map(() => null);
      const plan = (db.prepare(`explain query plan ${text}`).all(...params) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
      expect(plan, text).not.toMatch(/\bSCAN\b/);
    }
    db.close();
  });
});
