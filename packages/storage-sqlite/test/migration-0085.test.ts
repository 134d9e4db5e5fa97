import { openWorld } from '@gongfu/service-suites';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteStorage } from '../src/index.js';

describe('migration 0085 (search keys)', () => {
  it('builds the keys of records stored before it, so an upgraded database finds them', async () => {
    const database = new Database(':memory:');
    const storage = await sqliteStorage({ database });
    const w = await openWorld(storage);
    const { repA, repB } = w.org;
    const account = await w.crm.accounts.create(repA, {
      name: '山东恒通系统集成有限公司',
      kind: 'system_integrator',
    });
    const lead = await w.crm.leads.capture(repB, {
      source: 'inbound_call',
      receivedAt: '2026-03-02T09:15:00+08:00',
      company: '青岛瑞达信息技术有限公司',
      contact: { name: '李工', phone: '0532-8888 1234' },
      channel: 'key_account',
    });
    // The database as it was before 0085: no keys at all (0087 builds them, with their scope).
    database.exec(
      `drop table search_terms; delete from kysely_migration where name in ('0085_search_terms', '0087_search_scope')`,
    );
    await storage.migrateToLatest();

    const find = async (q: string, actor = repA) =>
      (await w.crm.search.find(actor, { q })).hits.map((hit) => [hit.kind, hit.id]);
    expect(await find('hengtong')).toEqual([['account', account.id]]);
    expect(await find('恆通')).toEqual([['account', account.id]]);
    expect(await find('88881234', repB)).toEqual([['lead', lead.id]]);
    // Visibility still comes from the record: rep A does not find rep B's lead.
    expect(await find('ruida')).toEqual([]);
    await storage.close();
  });
});
