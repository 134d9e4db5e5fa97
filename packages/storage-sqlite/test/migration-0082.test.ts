import { openWorld } from '@gongfu/service-suites';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteStorage } from '../src/index.js';

describe('migration 0082 (activity subjects)', () => {
  it('gives activities stored before it the record they are about and the new links, listable by kind', async () => {
    const database = new Database(':memory:');
    const storage = await sqliteStorage({ database });
    const w = await openWorld(storage);
    const { repA } = w.org;
    const account = await w.crm.accounts.create(repA, { name: '恒通系统集成', kind: 'system_integrator' });
    const deal = await w.crm.opportunities.create(repA, {
      name: '仓储扫描项目',
      accountId: account.id,
      channel: 'key_account',
    });
    const at = { kind: 'visit' as const, subject: '拜访', startAt: '2026-03-10T14:00:00+08:00' };
    const onDeal = await w.crm.activities.schedule(repA, { ...at, opportunityId: deal.id });
    const onAccount = await w.crm.activities.schedule(repA, { ...at, accountId: account.id });
    const task = await w.crm.activities.schedule(repA, { ...at, kind: 'task' });
    // The rows as a database from before 0082 held them.
    database.exec(`update activities set doc = json_remove(doc, '$.contactId', '$.orderId', '$.serviceCaseId', '$.regarding');
      drop index activities_page_scan_ix; drop index activities_contact_id_ix; drop index activities_order_id_ix; drop index activities_service_case_id_ix; drop index activities_regarding_page_ix;
      alter table activities drop column contact_id; alter table activities drop column order_id;
      alter table activities drop column service_case_id; alter table activities drop column regarding_kind;
      create index activities_page_scan_ix on activities (tenant_id, created_at, id, owner_id, team_key);
      delete from kysely_migration where name = '0082_activity_subjects'`);
    await storage.migrateToLatest();

    expect(await w.crm.activities.get(repA, onDeal.id)).toMatchObject({
      regarding: { kind: 'opportunity', id: deal.id },
      contactId: null,
      orderId: null,
      serviceCaseId: null,
    });
    expect((await w.crm.activities.get(repA, onAccount.id)).regarding).toEqual({
      kind: 'account',
      id: account.id,
    });
    expect((await w.crm.activities.get(repA, task.id)).regarding).toBeNull();
    const byKind = await w.crm.activities.list(repA, { regardingKind: ['opportunity', 'account'] });
    expect(byKind.items.map((a) => a.id).sort()).toEqual([onDeal.id, onAccount.id].sort());
    await storage.close();
  });
});
