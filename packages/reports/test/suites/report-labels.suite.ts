import type { CrmStorage } from '@gongfu/core';
import { openWorld, type StorageFactory } from '@gongfu/service-suites';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costRollup, morningReview } from '../../src/index.js';

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const PERIOD = { from: '2026-03-01', to: '2026-03-31' } as const;

/** 乙's customer and deal, and a cost the manager books on it for 甲, who may open neither. */
async function costOnColleaguesDeal(storage: CrmStorage) {
  const { crm, org } = await openWorld(storage);
  const account = await crm.accounts.create(org.repB, { name: '浪潮秘密客户', kind: 'end_user' });
  const deal = await crm.opportunities.create(org.repB, {
    name: '浪潮秘密项目',
    accountId: account.id,
    channel: 'key_account',
  });
  await crm.costs.record(org.manager, {
    category: 'travel',
    amount: cny(500_00),
    incurredOn: '2026-03-02',
    opportunityId: deal.id,
    incurredBy: org.repA.id,
  });
  return { crm, org, account, deal };
}

/** Issue 11, finding 3: report rows name only records their reader may open. */
export function describeReportLabels(makeStorage: StorageFactory): void {
  describe('report labels name only what the reader may open', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(() => storage.close());

    it('finding 3: a cost booked for a rep on a colleague’s deal is labelled by kind and id', async () => {
      const { crm, org, account, deal } = await costOnColleaguesDeal(storage);
      const byDeal = await costRollup(crm, org.repA, { by: 'opportunity', ...PERIOD });
      expect(byDeal.rows.map((r) => r.label)).toEqual([`a deal you cannot open (${deal.id})`]);
      const byAccount = await costRollup(crm, org.repA, { by: 'account', ...PERIOD });
      expect(byAccount.rows.map((r) => r.label)).toEqual([`an account you cannot open (${account.id})`]);
      // The deal's owner reads the names.
      const forB = await costRollup(crm, org.repB, { by: 'opportunity', ...PERIOD });
      expect(forB.rows.map((r) => r.label)).toEqual(['浪潮秘密项目']);
    });

    it('says "a deal you cannot open" and the rollup’s own words in the reader’s language', async () => {
      const { crm, org, deal } = await costOnColleaguesDeal(storage);
      const own = await crm.accounts.create(org.repA, { name: '甲的客户', kind: 'end_user' });
      await crm.costs.record(org.repA, {
        category: 'travel',
        amount: cny(80_00),
        incurredOn: '2026-03-03',
        accountId: own.id,
      });
      const zh = crm.with({ locale: 'zh-CN' });
      const byDeal = await costRollup(zh, org.repA, { by: 'opportunity', ...PERIOD });
      expect(byDeal.rows.map((r) => r.label).sort()).toEqual(
        [`无权查看的商机（${deal.id}）`, '未关联商机'].sort(),
      );
      const inEnglish = await costRollup(crm, org.repA, { by: 'opportunity', ...PERIOD });
      expect(inEnglish.rows.map((r) => r.label).sort()).toEqual(
        [`a deal you cannot open (${deal.id})`, 'not on a deal'].sort(),
      );
    });

    it('finding 3: an engineer removed from a deal keeps his cost rows, not the deal’s name', async () => {
      const { crm, org } = await openWorld(storage);
      const account = await crm.accounts.create(org.repA, { name: '恒通', kind: 'end_user' });
      const deal = await crm.opportunities.create(org.repA, {
        name: '恒通扫描枪项目',
        accountId: account.id,
        channel: 'key_account',
        team: [{ userId: org.presales.id, role: 'presales', access: 'read' }],
      });
      await crm.costs.record(org.presales, {
        category: 'travel',
        amount: cny(80_00),
        incurredOn: '2026-03-02',
        opportunityId: deal.id,
      });
      const before = await costRollup(crm, org.presales, { by: 'opportunity', ...PERIOD });
      expect(before.rows.map((r) => r.label)).toEqual(['恒通扫描枪项目']);
      await crm.opportunities.removeTeamMember(org.repA, deal.id, org.presales.id);
      const after = await costRollup(crm, org.presales, { by: 'opportunity', ...PERIOD });
      expect(after.rows.map((r) => r.label)).not.toContain('恒通扫描枪项目');
    });

    it('finding 3: the morning review names no deal the manager cannot open', async () => {
      const w = await openWorld(storage);
      const { crm, org } = w;
      const account = await crm.accounts.create(org.otherRep, { name: '分销秘密客户', kind: 'end_user' });
      const deal = await crm.opportunities.create(org.otherRep, {
        name: '分销秘密项目',
        accountId: account.id,
        channel: 'distribution',
        team: [{ userId: org.repA.id, role: 'sales', access: 'read' }],
      });
      const visit = await crm.activities.schedule(org.repA, {
        kind: 'visit',
        subject: '陪同拜访',
        startAt: '2026-03-02T02:00:00Z',
        opportunityId: deal.id,
      });
      await crm.activities.complete(org.repA, visit.id, { outcome: { summary: '顺利' } });
      // 甲 leaves the deal team: 李庆成 (甲's manager) no longer reaches the deal.
      await crm.opportunities.removeTeamMember(org.otherRep, deal.id, org.repA.id);
      const review = await morningReview(crm, org.manager, { day: '2026-03-03', findDuplicates: false });
      const text = JSON.stringify(review);
      // The visit itself is 甲's and listed; what it was about is named by kind and id only.
      expect(text).toContain(`a deal you cannot open (${deal.id})`);
      expect(text).not.toContain('分销秘密项目');
      expect(text).not.toContain('分销秘密客户');
    });
  });
}
