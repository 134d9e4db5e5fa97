import { describe, expect, it } from 'vitest';
import { expectReKeyedBy, storyOnSqlite } from './story-on-sqlite.js';

describe('migration 0132 (regions from the division list)', () => {
  it('re-keys deals keyed before it, so customer keys follow the new trade names', async () => {
    await expectReKeyedBy(`key like 'cn:%'`, '0132_division_list_regions');
  });

  it('rebuilds the search keys, so an account stored before finds its trade name after a city the old list lacked', async () => {
    const { database, storage, w } = await storyOnSqlite();
    const tangshan = await w.crm.accounts.create(w.org.manager, {
      name: '唐山恒达钢铁有限公司',
      kind: 'end_user',
      region: { province: '13' },
    });
    const tradeHit = async () =>
      (await w.crm.search.find(w.org.manager, { q: '恒达', kinds: ['account'] })).hits.find(
        (hit) => hit.id === tangshan.id && hit.matched === 'trade_name',
      );
    expect(await tradeHit()).toBeDefined();
    // As a release before the division list stored it: no trade key (唐山 was not a region then).
    database.exec(`delete from search_terms where field = 'trade' and record_id = '${tangshan.id}';
      delete from kysely_migration where name = '0132_division_list_regions'`);
    expect(await tradeHit()).toBeUndefined();
    await storage.migrateToLatest();
    expect(await tradeHit()).toBeDefined();
    await storage.close();
  });
});
