import { openWorld } from '@gongfu/service-suites';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, usePgTarget } from './support/pg-target.js';

usePgTarget();

describe('migration 0081 (deal end customers) on an existing database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db?.close());

  it('gives deals stored with a free-text tender the tender record, an unlinked end customer and no contacts', async () => {
    const w = await openWorld(db.storage);
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
    await db.query(
      `update opportunities set doc = (doc - 'contacts') || jsonb_build_object('endCustomer',
         jsonb_build_object('name', '山东物流集团', 'tender', 'SD-2026-0315')) where id = $1`,
      [deal.id],
    );
    await db.query(`update activities set doc = doc #- '{outcome,metContactIds}' where id = $1`, [visit.id]);
    await db.query('alter table opportunities drop column end_customer_id');
    await db.query(`delete from kysely_migration where name = '0081_deal_end_customers'`);
    await db.storage.migrateToLatest();

    const migrated = await w.crm.opportunities.get(repA, deal.id);
    expect(migrated.endCustomer).toEqual({
      accountId: null,
      name: '山东物流集团',
      tender: { number: 'SD-2026-0315', issuer: null, deadline: null },
    });
    expect(migrated.contacts).toEqual([]);
    expect((await w.crm.activities.get(repA, visit.id)).outcome?.metContactIds).toEqual([]);
    const relinked = await w.crm.opportunities.linkEndCustomer(repA, deal.id, { name: '山东物流集团' });
    const endCustomerId = relinked.endCustomer?.accountId ?? '';
    expect((await w.crm.opportunities.list(repA, { endCustomerId })).items.map((d) => d.id)).toEqual([
      deal.id,
    ]);
  });
});
