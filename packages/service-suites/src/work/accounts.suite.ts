import type { CrmStorage } from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultyStorage } from '../support/fault-injection.js';
import { openWorld, type ServiceWorld, type StorageFactory, storyLead } from '../support/harness.js';
import { codeOf, failEveryWrite } from '../support/suite-support.js';

/** Two customers that turn out to be one: 甲's 青岛港务集团 and 乙's duplicate 青岛港集团, with children. */
async function duplicateCustomers({ crm, org }: ServiceWorld) {
  const survivor = await crm.accounts.create(org.repA, {
    name: '青岛港务集团',
    kind: 'end_user',
    phones: ['0532-8298 1234'],
    emails: ['it@qdport.com'],
  });
  const merged = await crm.accounts.create(org.repB, {
    name: '青岛港集团',
    aliases: ['QD Port'],
    kind: 'end_user',
    phones: ['0532-8298 9999'],
    emails: ['buy@qdport.com', 'it@qdport.com'],
  });
  await crm.accounts.addTeamMember(org.repB, merged.id, {
    userId: org.presales.id,
    role: 'presales',
    access: 'read',
  });
  const contact = await crm.contacts.create(org.repB, {
    accountId: merged.id,
    name: '刘主任',
    phone: '0532-8298 9999',
  });
  const lead = await crm.leads.capture(org.repB, storyLead({ company: '青岛港集团', accountId: merged.id }));
  const deal = await crm.opportunities.create(org.repB, {
    name: '码头扫描枪',
    accountId: merged.id,
    channel: 'key_account',
  });
  const visit = await crm.activities.schedule(org.repB, {
    kind: 'visit',
    subject: '拜访信息中心',
    startAt: '2026-03-09T02:00:00Z',
    accountId: merged.id,
  });
  return { survivor, merged, contact, lead, deal, visit };
}

export function describeAccountCommands(makeStorage: StorageFactory): void {
  describe('accounts and contacts (service)', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(() => storage.close());

    it('search is scoped: a rep never finds a colleague’s customer by name, phone or email', async () => {
      const w = await openWorld(storage);
      const { crm, org } = w;
      const { survivor, merged } = await duplicateCustomers(w);
      const ids = async (actor: { id: string }, query: string) =>
        (await crm.accounts.search(actor, { query })).map((a) => a.id).sort();

      for (const query of ['青岛港务', '0532-8298 1234', 'IT@qdport.com']) {
        expect(await ids(org.repA, query)).toEqual([survivor.id]);
        expect(await ids(org.repB, query)).not.toContain(survivor.id);
        expect(await ids(org.otherRep, query)).toEqual([]);
      }
      expect(await ids(org.repB, 'qd port')).toEqual([merged.id]);
      expect(await ids(org.manager, '青岛港')).toEqual([survivor.id, merged.id].sort());
      expect(await ids(org.manager, 'qdport.com')).toEqual([survivor.id, merged.id].sort());
      // 乙 put presales on the account team: the engineer finds the customer, not 甲's.
      expect(await ids(org.presales, '青岛港')).toEqual([merged.id]);
      expect(await ids(org.service, '青岛港')).toEqual([]);

      const typedPlain = await crm.accounts.create(org.repA, {
        name: '烟台万华',
        kind: 'end_user',
        phones: ['053566668888'],
      });
      expect(await ids(org.repA, '0535-6666 8888')).toEqual([typedPlain.id]);

      const team = await crm.accounts.team(org.repB, merged.id);
      expect(team.map((m) => [m.userId, m.isOwner]).sort()).toEqual(
        [
          [org.presales.id, false],
          [org.repB.id, true],
        ].sort(),
      );
      const contacts = await crm.contacts.search(org.presales, { query: '刘主任' });
      expect(contacts.map((c) => c.accountId)).toEqual([merged.id]);
      expect(await crm.contacts.search(org.repA, { query: '刘主任' })).toEqual([]);
      await crm.accounts.removeTeamMember(org.repB, merged.id, org.presales.id);
      expect(await ids(org.presales, '青岛港')).toEqual([]);
    });

    it('update changes only the fields sent', async () => {
      const { crm, org } = await openWorld(storage);
      const a = await crm.accounts.create(org.repA, {
        name: '潍柴',
        kind: 'end_user',
        aliases: ['Weichai'],
        phones: ['0536-1234567'],
      });
      const b = await crm.accounts.update(org.repA, a.id, { industry: '制造', expectedVersion: 1 });
      expect(b).toMatchObject({
        version: 2,
        industry: '制造',
        aliases: ['Weichai'],
        phones: ['0536-1234567'],
      });
      expect(await codeOf(crm.accounts.update(org.repA, a.id, { industry: 'x', expectedVersion: 1 }))).toBe(
        'CONCURRENCY',
      );
      expect(await codeOf(crm.accounts.update(org.repB, a.id, { industry: 'x' }))).toBe('NOT_FOUND');
    });

    it('merge re-parents every child to the survivor and undo restores exactly', async () => {
      const w = await openWorld(storage);
      const { crm, org } = w;
      const { survivor, merged, contact, lead, deal, visit } = await duplicateCustomers(w);
      const merge = await crm.accounts.merge(org.manager, { survivorId: survivor.id, mergedId: merged.id });
      expect(merge.moved).toMatchObject({
        contact: [contact.id],
        lead: [lead.id],
        opportunity: [deal.id],
        activity: [visit.id],
      });

      const after = await crm.accounts.get(org.manager, survivor.id);
      expect(after.aliases).toEqual(['青岛港集团', 'QD Port']);
      expect(after.phones).toEqual(['0532-8298 1234', '0532-8298 9999']);
      expect(after.emails).toEqual(['it@qdport.com', 'buy@qdport.com']);
      expect((await crm.accounts.get(org.manager, merged.id)).mergedIntoId).toBe(survivor.id);
      expect((await crm.contacts.get(org.manager, contact.id)).accountId).toBe(survivor.id);
      expect((await crm.leads.get(org.repB, lead.id)).accountId).toBe(survivor.id);
      expect((await crm.opportunities.get(org.repB, deal.id)).accountId).toBe(survivor.id);
      expect((await crm.activities.get(org.repB, visit.id)).accountId).toBe(survivor.id);
      const contactHistory = await crm.history.forRecord(org.manager, 'contact', contact.id);
      expect(contactHistory.at(-1)).toMatchObject({ event: 'contact.account_merged', version: 2 });
      // The merged account's team keeps seeing the contact that moved, and the duplicate is hidden.
      expect((await crm.contacts.get(org.presales, contact.id)).id).toBe(contact.id);
      expect((await crm.accounts.list(org.manager)).items.map((a) => a.id)).not.toContain(merged.id);
      expect((await crm.accounts.search(org.repA, { query: 'QD Port' })).map((a) => a.id)).toEqual([
        survivor.id,
      ]);

      // The contact now belongs to the survivor's owner (issue 11): 乙 lost it with the account, and
      // only reads it through the deal he owns on the survivor (a deal team reads its customer).
      expect((await crm.contacts.get(org.repB, contact.id)).ownerId).toBe(org.repA.id);
      expect(await codeOf(crm.contacts.update(org.repB, contact.id, { title: 'x' }))).toBe(
        'PERMISSION_DENIED',
      );
      // Edited after the merge: it still goes back, keeping the edit.
      await crm.contacts.update(org.repA, contact.id, { title: '信息中心主任' });
      const undone = await crm.accounts.undoMerge(org.manager, merge.id);
      expect(undone.undoneAt).not.toBeNull();
      const back = await crm.accounts.get(org.manager, survivor.id);
      expect({ aliases: back.aliases, phones: back.phones, emails: back.emails }).toEqual({
        aliases: survivor.aliases,
        phones: survivor.phones,
        emails: survivor.emails,
      });
      expect((await crm.accounts.get(org.manager, merged.id)).mergedIntoId).toBeNull();
      expect(await crm.contacts.get(org.manager, contact.id)).toMatchObject({
        accountId: merged.id,
        title: '信息中心主任',
      });
      expect((await crm.leads.get(org.repB, lead.id)).accountId).toBe(merged.id);
      expect((await crm.opportunities.get(org.repB, deal.id)).accountId).toBe(merged.id);
      expect((await crm.activities.get(org.repB, visit.id)).accountId).toBe(merged.id);
      expect((await crm.accounts.team(org.manager, survivor.id)).map((m) => m.userId)).toEqual([org.repA.id]);
      expect(await codeOf(crm.accounts.undoMerge(org.manager, merge.id))).toBe('INVALID_TRANSITION');
    });

    it('only a manager above both owners or an admin may merge', async () => {
      const { crm, org } = await openWorld(storage);
      const a = await crm.accounts.create(org.repA, { name: '青岛啤酒', kind: 'end_user' });
      const b = await crm.accounts.create(org.repA, { name: '青啤', kind: 'end_user' });
      const c = await crm.accounts.create(org.otherRep, { name: '青岛啤酒股份', kind: 'end_user' });
      expect(await codeOf(crm.accounts.merge(org.repA, { survivorId: a.id, mergedId: b.id }))).toBe(
        'PERMISSION_DENIED',
      );
      expect(await codeOf(crm.accounts.merge(org.manager, { survivorId: a.id, mergedId: c.id }))).toBe(
        'NOT_FOUND',
      );
      expect(await codeOf(crm.accounts.merge(org.manager, { survivorId: a.id, mergedId: a.id }))).toBe(
        'VALIDATION',
      );
      const merge = await crm.accounts.merge(org.admin, { survivorId: a.id, mergedId: c.id });
      expect(merge.mergedBy).toBe(org.admin.id);
      expect(await codeOf(crm.accounts.merge(org.admin, { survivorId: b.id, mergedId: c.id }))).toBe(
        'INVALID_TRANSITION',
      );
    });

    it('a merge that fails at any write leaves nothing behind', async () => {
      const faulty = faultyStorage(storage);
      const w = await openWorld(faulty.storage);
      const { survivor, merged, contact } = await duplicateCustomers(w);
      const merge = () =>
        w.crm.accounts.merge(w.org.manager, { survivorId: survivor.id, mergedId: merged.id });
      const writes = await failEveryWrite(faulty, w.crm.tenantId, merge);
      expect(writes).toBeGreaterThan(5);
      expect((await w.crm.contacts.get(w.org.manager, contact.id)).accountId).toBe(survivor.id);
    });

    it('contacts need an account the actor may edit', async () => {
      const { crm, org } = await openWorld(storage);
      const account = await crm.accounts.create(org.repA, { name: '海尔', kind: 'end_user' });
      expect(await codeOf(crm.contacts.create(org.repB, { accountId: account.id, name: '张工' }))).toBe(
        'NOT_FOUND',
      );
      await crm.accounts.addTeamMember(org.repA, account.id, {
        userId: org.presales.id,
        role: 'presales',
        access: 'read',
      });
      expect(await codeOf(crm.contacts.create(org.presales, { accountId: account.id, name: '张工' }))).toBe(
        'PERMISSION_DENIED',
      );
      const c = await crm.contacts.create(org.repA, {
        accountId: account.id,
        name: '张工',
        email: 'zhang@haier.com',
      });
      expect(
        (await crm.contacts.list(org.presales, { accountId: account.id })).items.map((x) => x.id),
      ).toEqual([c.id]);
      expect(await codeOf(crm.contacts.list(org.repB, { accountId: account.id }))).toBe('NOT_FOUND');
      const updated = await crm.contacts.update(org.repA, c.id, {
        mobile: '138 0000 0000',
        expectedVersion: 1,
      });
      expect(updated).toMatchObject({ version: 2, mobile: '138 0000 0000', email: 'zhang@haier.com' });
    });
  });
}
