import { describe, expect, it } from 'vitest';
import { blockCacheOf } from '../../src/duplicates/block-cache.js';
import { checkDealForDuplicates, findDuplicateDeals } from '../../src/index.js';
import { storyOnSqlite } from './story-on-sqlite.js';

const FLOOR = { minScore: -6, limit: 10_000 };

describe('migration 0133 (a comparison row per keyed deal)', () => {
  it('a database keyed before 0133 is checked from documents, then re-keyed with rows; the check answers as the scan throughout', async () => {
    const { database, storage, w } = await storyOnSqlite();
    const rows = () => (database.prepare('select count(*) as n from dedupe_rows').get() as { n: number }).n;
    const keyed = () =>
      (
        database
          .prepare(
            "select count(*) as n from dedupe_sources where opportunity_id <> '' and opportunity_id in (select opportunity_id from dedupe_keys)",
          )
          .get() as { n: number }
      ).n;
    const of = (pairs: { a: { id: string }; b: { id: string }; score: number }[]) =>
      pairs
        .filter((p) => p.a.id === w.dealA.id || p.b.id === w.dealA.id)
        .map((p) => [p.a.id === w.dealA.id ? p.b.id : p.a.id, p.score]);
    const partners = async () => of(await checkDealForDuplicates(w.crm, w.org.admin, w.dealA.id, FLOOR));
    const scanned = of(await findDuplicateDeals(w.crm, w.org.admin, FLOOR));
    expect(scanned.length).toBeGreaterThan(0);
    expect(await partners()).toEqual(scanned);
    // Every keyed deal has its row.
    expect(rows()).toBe(keyed());
    // As a database keyed before 0133 is: no row table, the migration not run.
    database.exec(`drop table dedupe_rows; delete from kysely_migration where name = '0133_dedupe_rows'`);
    await storage.migrateToLatest();
    expect(rows()).toBe(0);
    // The migration forgot every source: the next check re-keys every deal, with its row.
    blockCacheOf(storage, w.crm.tenantId).clear();
    expect(await partners()).toEqual(scanned);
    expect(rows()).toBe(keyed());
    // Rows lost (a row of another layout reads the same): the check reads the documents.
    database.exec(
      `update dedupe_rows set row = '[0]' where opportunity_id in (select opportunity_id from dedupe_rows limit 2)`,
    );
    database.exec(`delete from dedupe_rows where rowid in (select rowid from dedupe_rows limit 2 offset 2)`);
    // Nothing held from the checks before: the candidates are read again.
    blockCacheOf(storage, w.crm.tenantId).clear();
    expect(await partners()).toEqual(scanned);
    await storage.close();
  });
});
