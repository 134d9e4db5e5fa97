import { type CrmStorage, isCrmError } from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, type StorageFactory } from '../support/harness.js';

/** List filters on one id or several through the service, on any storage engine. */
export function describeListFilters(makeStorage: StorageFactory): void {
  let storage: CrmStorage;
  beforeAll(async () => {
    storage = await makeStorage();
  });
  afterAll(() => storage.close());

  const cny = (amount: number) => ({ amount, currency: 'CNY' });

  describe('list filters on one id or several, through the service', () => {
    it('totals the costs of two deals at once, and a single id still totals one', async () => {
      const { crm, org } = await openWorld(storage);
      const account = await crm.accounts.create(org.repA, {
        name: '山东恒通系统集成有限公司',
        kind: 'system_integrator',
      });
      const deal = (name: string) =>
        crm.opportunities.create(org.repA, { name, accountId: account.id, channel: 'key_account' });
      const [scanners, wms, network] = [await deal('扫描枪'), await deal('WMS'), await deal('网络设备')];
      for (const [opportunityId, amount] of [
        [scanners.id, 100],
        [wms.id, 20],
        [network.id, 3],
      ] as const) {
        await crm.costs.record(org.repA, {
          category: 'travel',
          amount: cny(amount),
          incurredOn: '2026-03-02',
          opportunityId,
        });
      }
      expect(await crm.costs.total(org.repA, { opportunityId: [scanners.id, wms.id] })).toEqual([
        { currency: 'CNY', amount: 120, count: 2 },
      ]);
      expect(await crm.costs.total(org.repA, { opportunityId: network.id })).toEqual([
        { currency: 'CNY', amount: 3, count: 1 },
      ]);
      const listed = await crm.costs.list(org.repA, { opportunityId: [wms.id, network.id] });
      expect(listed.items.map((c) => c.opportunityId).sort()).toEqual([wms.id, network.id].sort());
    });

    it('lists the people of several customers, and refuses when one of them is hidden', async () => {
      const { crm, org } = await openWorld(storage);
      const jinan = await crm.accounts.create(org.repA, { name: '济南某制造企业', kind: 'end_user' });
      const qingdao = await crm.accounts.create(org.repA, { name: '青岛港务集团', kind: 'end_user' });
      const hidden = await crm.accounts.create(org.repB, { name: '淄博某化工企业', kind: 'end_user' });
      const zhang = await crm.contacts.create(org.repA, { accountId: jinan.id, name: '张工' });
      const liu = await crm.contacts.create(org.repA, { accountId: qingdao.id, name: '刘主任' });
      await crm.contacts.create(org.repB, { accountId: hidden.id, name: '赵经理' });

      const both = await crm.contacts.list(org.repA, { accountId: [jinan.id, qingdao.id] });
      expect(both.items.map((c) => c.id).sort()).toEqual([zhang.id, liu.id].sort());
      expect((await crm.contacts.list(org.repA, { accountId: jinan.id })).items.map((c) => c.id)).toEqual([
        zhang.id,
      ]);
      const refused = await crm.contacts.list(org.repA, { accountId: [jinan.id, hidden.id] }).catch((e) => e);
      expect(isCrmError(refused, 'NOT_FOUND')).toBe(true);
    });

    it('filters accounts, activities and demo loans by one owner, kind, status or customer', async () => {
      const { crm, org } = await openWorld(storage);
      const mine = await crm.accounts.create(org.repA, { name: '潍柴', kind: 'end_user' });
      const integrator = await crm.accounts.create(org.repB, { name: '恒通集成', kind: 'system_integrator' });
      const ids = async (query: Parameters<typeof crm.accounts.list>[1]) =>
        (await crm.accounts.list(org.manager, query)).items.map((a) => a.id);
      expect(await ids({ ownerId: org.repA.id })).toEqual([mine.id]);
      expect(await ids({ kind: 'system_integrator' })).toEqual([integrator.id]);

      const visit = await crm.activities.schedule(org.repA, {
        kind: 'visit',
        subject: '拜访设备科',
        startAt: '2026-03-05T10:00:00+08:00',
        accountId: mine.id,
      });
      await crm.activities.schedule(org.repB, {
        kind: 'call',
        subject: '电话回访',
        startAt: '2026-03-05T11:00:00+08:00',
        accountId: integrator.id,
      });
      const acts = await crm.activities.list(org.manager, { status: 'scheduled', accountId: mine.id });
      expect(acts.items.map((a) => a.id)).toEqual([visit.id]);

      const loan = await crm.demoLoans.lend(org.repA, {
        sku: 'MC3300',
        serial: 'DEMO-9',
        accountId: mine.id,
        dueBack: '2026-03-10',
      });
      expect((await crm.demoLoans.list(org.manager, { accountId: mine.id })).items.map((l) => l.id)).toEqual([
        loan.id,
      ]);
      expect((await crm.demoLoans.list(org.manager, { ownerId: org.repB.id })).items).toEqual([]);
    });
  });
}
