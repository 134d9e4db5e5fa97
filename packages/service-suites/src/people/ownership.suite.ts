import type { CrmStorage } from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultyStorage } from '../support/fault-injection.js';
import { openWorld, type ServiceWorld, type StorageFactory, storyLead } from '../support/harness.js';
import { codeOf, failEveryWrite } from '../support/suite-support.js';
import { tenantSnapshot } from '../tenants/tenant-snapshot.js';

/** 销售员甲's book on the day they hand in their notice. */
async function leaversBook({ crm, org }: ServiceWorld) {
  const { repA, repB, presales } = org;
  const won = await crm.leads.capture(repA, storyLead());
  const price = { amount: 120_000, currency: 'CNY' };
  await crm.leads.quote(repA, won.id, {
    sku: 'LS2208',
    quantity: 200,
    unitPrice: price,
    validUntil: '2026-04-30',
  });
  const { account, opportunity: deal } = await crm.leads.convert(repA, won.id, {
    account: { kind: 'system_integrator' },
    team: [{ userId: presales.id, role: 'presales' }],
  });
  const pastVisit = await crm.activities.schedule(repA, {
    kind: 'visit',
    subject: '技术交流',
    startAt: '2026-03-02T03:00:00Z',
    opportunityId: deal.id,
  });
  await crm.activities.complete(repA, pastVisit.id, { outcome: { summary: '客户认可方案，要求报价' } });
  const nextVisit = await crm.activities.schedule(repA, {
    kind: 'visit',
    subject: '送样机',
    startAt: '2026-03-12T02:00:00Z',
    opportunityId: deal.id,
  });
  const openLead = await crm.leads.capture(repA, storyLead({ company: '济南二机床' }));
  const deadLead = await crm.leads.capture(repA, storyLead({ company: '淄博陶瓷' }));
  await crm.leads.disqualify(repA, deadLead.id, { reason: '无预算' });
  const lostDeal = await crm.opportunities.create(repA, {
    name: '旧项目',
    accountId: account.id,
    channel: 'key_account',
  });
  await crm.opportunities.lose(repA, lostDeal.id, { reason: '价格' });
  // 甲 also helps on 乙's deal.
  const bAccount = await crm.accounts.create(repB, { name: '浪潮', kind: 'end_user' });
  const bDeal = await crm.opportunities.create(repB, {
    name: '浪潮扫描枪',
    accountId: bAccount.id,
    channel: 'key_account',
    team: [{ userId: repA.id, role: 'sales', access: 'read' }],
  });
  return { account, deal, pastVisit, nextVisit, openLead, deadLead, lostDeal, bDeal };
}

export function describeOwnershipTransfer(makeStorage: StorageFactory): void {
  describe('ownership transfer (service)', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(() => storage.close());

    it('a dry run lists what would move and why, and writes nothing', async () => {
      const w = await openWorld(storage);
      const { crm, org } = w;
      const book = await leaversBook(w);
      const before = await tenantSnapshot(storage, crm.tenantId);
      const result = await crm.ownership.transfer(org.manager, {
        from: org.repA.id,
        to: org.repB.id,
        dryRun: true,
      });
      expect(result.applied).toBe(false);
      expect(result.batchId).toBeNull();
      const moved = result.plan.moves.map((m) => m.id);
      for (const id of [book.deal.id, book.nextVisit.id, book.openLead.id, book.account.id, book.lostDeal.id])
        expect(moved).toContain(id);
      const stays = result.plan.stays.map((s) => s.id);
      for (const id of [book.pastVisit.id, book.deadLead.id]) expect(stays).toContain(id);
      expect(result.plan.stays.find((s) => s.id === book.deadLead.id)?.reason).toMatch(/closed/);
      // A closed deal of a customer that moves goes with it, so the new owner can open all of it.
      expect(result.plan.moves.find((s) => s.id === book.lostDeal.id)?.reason).toMatch(/follows its account/);
      expect(result.plan.teamChanges).toEqual([
        expect.objectContaining({ kind: 'opportunity', id: book.bDeal.id, remove: org.repA.id }),
      ]);
      expect(await tenantSnapshot(storage, crm.tenantId)).toEqual(before);
    });

    it('moves the open book: the new owner and their manager see it with its whole history; the leaver sees nothing', async () => {
      const w = await openWorld(storage);
      const { crm, org, clock } = w;
      const book = await leaversBook(w);
      await crm.users.deactivate(org.manager, org.repA.id);
      const result = await crm.ownership.transfer(org.manager, { from: org.repA.id, to: org.repB.id });
      expect(result.applied).toBe(true);

      const deal = await crm.opportunities.get(org.repB, book.deal.id);
      expect(deal).toMatchObject({ ownerId: org.repB.id, version: book.deal.version + 1 });
      expect(deal.team.map((m) => m.userId)).toEqual([org.presales.id]);
      expect((await crm.leads.get(org.repB, book.openLead.id)).ownerId).toBe(org.repB.id);
      expect((await crm.activities.get(org.repB, book.nextVisit.id)).ownerId).toBe(org.repB.id);
      expect((await crm.accounts.get(org.repB, book.account.id)).ownerId).toBe(org.repB.id);
      // Closed work keeps its owner, yet the deal's past visit by 甲 is visible to the new owner.
      expect((await crm.activities.get(org.repB, book.pastVisit.id)).ownerId).toBe(org.repA.id);
      expect((await crm.opportunities.get(org.manager, book.lostDeal.id)).ownerId).toBe(org.repB.id);
      expect((await crm.leads.get(org.manager, book.deadLead.id)).ownerId).toBe(org.repA.id);

      const history = await crm.history.forRecord(org.repB, 'opportunity', book.deal.id);
      expect(history[0]?.actorId).toBe(org.repA.id);
      expect(history.at(-1)).toMatchObject({
        event: 'opportunity.transferred',
        actorId: org.manager.id,
        meta: expect.objectContaining({ from: org.repA.id, to: org.repB.id, batch: result.batchId }),
      });
      expect((await crm.opportunities.get(org.manager, book.deal.id)).ownerId).toBe(org.repB.id);
      expect((await crm.opportunities.get(org.presales, book.deal.id)).id).toBe(book.deal.id);
      expect((await crm.opportunities.get(org.repB, book.bDeal.id)).team).toEqual([]);
      expect(await codeOf(crm.opportunities.list(org.repA))).toBe('PERMISSION_DENIED');

      clock.set('2026-06-30T00:00:00.000Z');
      const due = await crm.reminders.due(org.repB);
      const subjects = due.map((r) => r.subjectId);
      expect(subjects).toContain(book.openLead.id);
      expect(subjects).toContain(book.nextVisit.id);
      const stillA = await storage.read({ tenantId: crm.tenantId }, async (tx) => [
        ...(await tx.reminders.forSubject('lead', book.openLead.id)),
        ...(await tx.reminders.forSubject('activity', book.nextVisit.id)),
        ...(await tx.reminders.forSubject('opportunity', book.deal.id)),
      ]);
      expect(stillA.filter((r) => r.userId === org.repA.id)).toEqual([]);
    });

    it('options decide what moves; a rep cannot transfer', async () => {
      const w = await openWorld(storage);
      const { crm, org } = w;
      const book = await leaversBook(w);
      expect(await codeOf(crm.ownership.transfer(org.repB, { from: org.repA.id, to: org.repB.id }))).toBe(
        'PERMISSION_DENIED',
      );
      expect(
        await codeOf(crm.ownership.transfer(org.otherManager, { from: org.repA.id, to: org.otherRep.id })),
      ).toBe('PERMISSION_DENIED');
      await crm.ownership.transfer(org.manager, {
        from: org.repA.id,
        to: org.manager.id,
        options: { openLeads: false, closedRecords: 'move', keepDealTeams: true },
      });
      expect((await crm.leads.get(org.manager, book.openLead.id)).ownerId).toBe(org.repA.id);
      expect((await crm.opportunities.get(org.manager, book.lostDeal.id)).ownerId).toBe(org.manager.id);
      expect((await crm.opportunities.get(org.manager, book.bDeal.id)).team).toEqual([
        { userId: org.manager.id, role: 'sales', access: 'read' },
      ]);
    });

    it('a transfer that fails at any write leaves nothing behind', async () => {
      const faulty = faultyStorage(storage);
      const w = await openWorld(faulty.storage);
      const book = await leaversBook(w);
      const transfer = () =>
        w.crm.ownership.transfer(w.org.manager, { from: w.org.repA.id, to: w.org.repB.id });
      const writes = await failEveryWrite(faulty, w.crm.tenantId, transfer);
      expect(writes).toBeGreaterThan(8);
      expect((await w.crm.opportunities.get(w.org.repB, book.deal.id)).ownerId).toBe(w.org.repB.id);
    });
  });
}
