import { openWorld } from '@gongfu/service-suites';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, usePgTarget } from './support/pg-target.js';

usePgTarget();

describe('migration 0132 (regions from the division list) on an existing database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db?.close());

  it('rebuilds the search keys and forgets the dedupe sources, so stored names are read with the new regions', async () => {
    const w = await openWorld(db.storage);
    const { manager } = w.org;
    const tangshan = await w.crm.accounts.create(manager, {
      name: '唐山恒达钢铁有限公司',
      kind: 'end_user',
      region: { province: '13' },
    });
    const tradeHit = async () =>
      (await w.crm.search.find(manager, { q: '恒达', kinds: ['account'] })).hits.find(
        (hit) => hit.id === tangshan.id && hit.matched === 'trade_name',
      );
    expect(await tradeHit()).toBeDefined();
    // As a release before the division list stored it: no trade key, and a dedupe source to forget.
    await db.query(`delete from search_terms where field = 'trade' and record_id = '${tangshan.id}'`);
    await db.query(`delete from kysely_migration where name = '0132_division_list_regions'`);
    expect(await tradeHit()).toBeUndefined();
    await db.storage.migrateToLatest();
    expect(await tradeHit()).toBeDefined();
    expect(await db.query('select count(*)::int as n from dedupe_sources')).toMatchObject([{ n: 0 }]);
  });
});
