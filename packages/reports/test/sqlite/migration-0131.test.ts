import { describe, expect, it } from 'vitest';
import { checkDealForDuplicates, findDuplicateDeals } from '../../src/index.js';
import { storyOnSqlite } from './story-on-sqlite.js';

const FLOOR = { minScore: -6, limit: 10_000 };

describe('migration 0131 (a stamp on each tenant’s duplicate blocks)', () => {
  it('an upgraded database gets the stamp table; its checks answer as the scan before and after its first stamp', async () => {
    const { database, storage, w, printers } = await storyOnSqlite();
    const stamp = () =>
      database.prepare('select stamp from dedupe_stamps where tenant_id = ?').get(w.crm.tenantId) as
        | { stamp: string }
        | undefined;
    const of = (pairs: { a: { id: string }; b: { id: string }; score: number }[]) =>
      pairs
        .filter((p) => p.a.id === w.dealA.id || p.b.id === w.dealA.id)
        .map((p) => [p.a.id === w.dealA.id ? p.b.id : p.a.id, p.score]);
    const partners = async () => of(await checkDealForDuplicates(w.crm, w.org.admin, w.dealA.id, FLOOR));
    const scanned = async () => of(await findDuplicateDeals(w.crm, w.org.admin, FLOOR));
    const before = await partners();
    expect(before.length).toBeGreaterThan(0);
    expect(stamp()).toBeDefined();
    // As a database keyed before 0131 is: no stamp table, the migration not run.
    database.exec(`drop table dedupe_stamps; delete from kysely_migration where name = '0131_dedupe_stamps'`);
    await storage.migrateToLatest();
    expect(stamp()).toBeUndefined();
    // No stamp yet: the blocks this process held under the old one are not taken for these.
    expect(await partners()).toEqual(before);
    // The next re-key stamps the blocks; the check still answers as the scan.
    await w.crm.opportunities.update(w.org.repA, printers.id, { name: '恒通 打印改造 二期' });
    const after = await partners();
    expect(stamp()).toBeDefined();
    expect(after).toEqual(await scanned());
    await storage.close();
  });
});
