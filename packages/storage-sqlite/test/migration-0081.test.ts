import { openWorld } from '@gongfu/service-suites';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteStorage } from '../src/index.js';

describe('migration 0081 (deal end customers)', () => {
  it('gives deals stored with a free-text tender the tender record, an unlinked end customer and no contacts', async () => {
    const database = new Database(':memory:');
    const storage = await sqliteStorage({ database });
    const w = await openWorld(storage);
    const { repA } = w.org;
    const account = await w.crm.accounts.create(repA, { name: '恒通系统集成', kind: 'system_integrator' });
    const deal = await w.crm.opportunities.create(repA, {
      name: '仓储扫描项目',
      accountId: account.id,
      channel: 'key_account',
      endCustomer: { name: '山东物流集团' },
    });
    const visit = await w.crm.activities.schedule(repA, {
      kind: 'visit',
      subject: '拜访',
      startAt: '2026-03-10T14:00:00+08:00',
      opportunityId: deal.id,
    });
    await w.crm.activities.complete(repA, visit.id, { outcome: { summary: '认可方案' } });
    // The rows as a database from before 0081 held them.
    database
      .prepare(
        `update opportunities set doc = json_remove(json_set(doc, '$.endCustomer',
           json_object('name', '山东物流集团', 'tender', 'SD-2026-0315')), '$.contacts') where id = ?`,
      )
      .run(deal.id);
    database
      .prepare("update activities set doc = json_remove(doc, '$.outcome.metContactIds') where id = ?")
      .run(visit.id);
    // (0093 replaced 0081's index with one in page order.)
    database.exec(`drop index opportunities_end_customer_id_page_ix;
      alter table opportunities drop column end_customer_id;
      delete from kysely_migration where name = '0081_deal_end_customers'`);
    await storage.migrateToLatest();

    const migrated = await w.crm.opportunities.get(repA, deal.id);
    expect(migrated.endCustomer).toEqual({
      accountId: null,
      name: '山东物流集团',
      tender: { number: 'SD-2026-0315', issuer: null, deadline: null },
    });
    expect(migrated.contacts).toEqual([]);
    expect((await w.crm.activities.get(repA, visit.id)).outcome?.metContactIds).toEqual([]);
    // The deal can be linked again and is then found by its end customer.
    const relinked = await w.crm.opportunities.linkEndCustomer(repA, deal.id, { name: '山东物流集团' });
    const endCustomerId = relinked.endCustomer?.accountId ?? '';
    expect((await w.crm.opportunities.list(repA, { endCustomerId })).items.map((d) => d.id)).toEqual([
      deal.id,
    ]);
    await storage.close();
  });
});
