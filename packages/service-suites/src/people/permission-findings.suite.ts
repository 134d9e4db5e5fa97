import { type CrmStorage, isCrmError } from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveredOrder } from '../orders/order-fixtures.js';
import { openWorld, type ServiceWorld, type StorageFactory, storyLead } from '../support/harness.js';
import { codeOf } from '../support/suite-support.js';

const cny = (amount: number) => ({ amount, currency: 'CNY' });

/** 销售员甲's customer with one person at it. */
async function customerOfA({ crm, org }: ServiceWorld, name = '山东恒通') {
  const account = await crm.accounts.create(org.repA, { name, kind: 'system_integrator' });
  const contact = await crm.contacts.create(org.repA, {
    accountId: account.id,
    name: '王工',
    phone: '0531-1',
  });
  return { account, contact };
}

/** What `who` can still do with a contact: every read path and the edit. */
async function contactAccess(w: ServiceWorld, who: ServiceWorld['org']['repA'], contactId: string) {
  const { crm } = w;
  return {
    get: await codeOf(crm.contacts.get(who, contactId)).catch(() => 'OK'),
    search: (await crm.contacts.search(who, { query: '王工' })).map((c) => c.id).includes(contactId),
    history: await codeOf(crm.history.forRecord(who, 'contact', contactId)).catch(() => 'OK'),
    update: await codeOf(crm.contacts.update(who, contactId, { title: '总工' })).catch(() => 'OK'),
  };
}

const LOST = { get: 'NOT_FOUND', search: false, history: 'NOT_FOUND', update: 'NOT_FOUND' };

/**
 * The six findings of issue 11's outside probe, each as the few lines that reproduced it. Every
 * case failed on the code before the fix.
 */
export function describePermissionFindings(makeStorage: StorageFactory): void {
  describe('permission findings (issue 11)', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(() => storage.close());
    const world = () => openWorld(storage);

    it('finding 1a: a reassigned account takes its contacts, with history; the old owner loses them', async () => {
      const w = await world();
      const { crm, org } = w;
      const { account, contact } = await customerOfA(w);
      await crm.accounts.update(org.manager, account.id, { ownerId: org.repB.id });
      expect(await contactAccess(w, org.repA, contact.id)).toEqual(LOST);
      const moved = await crm.contacts.get(org.repB, contact.id);
      expect(moved.ownerId).toBe(org.repB.id);
      const events = await crm.history.forRecord(org.repB, 'contact', contact.id);
      expect(events.at(-1)).toMatchObject({
        event: 'contact.owner_followed_account',
        actorId: org.manager.id,
        meta: expect.objectContaining({ from: org.repA.id, to: org.repB.id, accountId: account.id }),
      });
    });

    it('finding 1b: a transfer moves the customers’ contacts; the leaver’s manager keeps none', async () => {
      const w = await world();
      const { crm, org } = w;
      const { contact } = await customerOfA(w);
      await crm.ownership.transfer(org.admin, { from: org.repA.id, to: org.otherRep.id });
      expect(await contactAccess(w, org.manager, contact.id)).toEqual(LOST);
      expect(await contactAccess(w, org.repA, contact.id)).toEqual(LOST);
      expect((await crm.contacts.get(org.otherRep, contact.id)).ownerId).toBe(org.otherRep.id);
    });

    it('finding 1c: a merged account’s contacts follow the survivor’s owner', async () => {
      const w = await world();
      const { crm, org } = w;
      const { account, contact } = await customerOfA(w);
      const survivor = await crm.accounts.create(org.repB, { name: '恒通系统', kind: 'system_integrator' });
      await crm.accounts.merge(org.manager, { survivorId: survivor.id, mergedId: account.id });
      expect(await contactAccess(w, org.repA, contact.id)).toEqual(LOST);
      expect((await crm.contacts.get(org.repB, contact.id)).ownerId).toBe(org.repB.id);
    });

    it('finding 2: lastQuote by account only returns quotes on leads the reader may open', async () => {
      const w = await world();
      const { crm, org } = w;
      const bAccount = await crm.accounts.create(org.repB, { name: '浪潮', kind: 'end_user' });
      const bLead = await crm.leads.capture(
        org.repB,
        storyLead({ source: 'customer_revisit', accountId: bAccount.id, company: '浪潮' }),
      );
      await crm.leads.quote(org.repB, bLead.id, {
        sku: 'LS2208',
        quantity: 10,
        unitPrice: cny(130_00),
        validUntil: '2026-04-30',
      });
      await crm.accounts.addTeamMember(org.repB, bAccount.id, {
        userId: org.otherRep.id,
        role: 'sales',
        access: 'read',
      });
      const xLead = await crm.leads.capture(
        org.otherRep,
        storyLead({
          source: 'customer_revisit',
          accountId: bAccount.id,
          company: '浪潮',
          channel: 'distribution',
        }),
      );
      w.clock.advance(60_000);
      await crm.leads.quote(org.otherRep, xLead.id, {
        sku: 'LS2208',
        quantity: 10,
        unitPrice: cny(123_45),
        validUntil: '2026-04-30',
      });
      expect(await codeOf(crm.leads.get(org.repB, xLead.id))).toBe('NOT_FOUND');
      const seenByB = await crm.leads.lastQuote(org.repB, { accountId: bAccount.id });
      expect(seenByB?.leadId).toBe(bLead.id);
      expect(seenByB?.unitPrice.amount).toBe(130_00);
      expect((await crm.leads.lastQuote(org.manager, { accountId: bAccount.id }))?.leadId).toBe(bLead.id);
      expect((await crm.leads.lastQuote(org.otherRep, { accountId: bAccount.id }))?.leadId).toBe(xLead.id);
    });

    it('finding 3: a reminder never names a customer its reader cannot open', async () => {
      const w = await world();
      const { crm, org } = w;
      const bAccount = await crm.accounts.create(org.repB, { name: '浪潮秘密客户', kind: 'end_user' });
      const deal = await crm.opportunities.create(org.repB, {
        name: '浪潮扫描枪',
        accountId: bAccount.id,
        channel: 'key_account',
      });
      // Booked in Chinese, read in either language: the placeholder is worded when read, not stored.
      const meeting = await crm.with({ locale: 'zh-CN' }).activities.schedule(org.manager, {
        kind: 'meeting',
        subject: '方案评审',
        startAt: '2026-03-03T02:00:00Z',
        opportunityId: deal.id,
        ownerId: org.repA.id,
      });
      expect(await codeOf(crm.opportunities.get(org.repA, deal.id))).toBe('NOT_FOUND');
      w.clock.set('2026-03-03T01:50:00.000Z');
      const due = await crm.reminders.due(org.repA);
      const reminder = due.find((r) => r.subjectId === meeting.id);
      expect(reminder?.message).toBeDefined();
      expect(reminder?.message).not.toContain('浪潮秘密客户');
      expect(reminder?.message).toContain(`an account you cannot open (${bAccount.id})`);
      expect(reminder?.message).not.toContain('无权查看');
      const zh = (await crm.with({ locale: 'zh-CN' }).reminders.due(org.repA)).find(
        (r) => r.subjectId === meeting.id,
      );
      expect(zh?.message).toContain(`无权查看的客户（${bAccount.id}）`);
      expect(zh?.message).not.toContain('浪潮秘密客户');
    });

    it('finding 4: a read-only account-team member cannot add a contact through leads.convert', async () => {
      const w = await world();
      const { crm, org } = w;
      const { account } = await customerOfA(w);
      await crm.accounts.addTeamMember(org.repA, account.id, {
        userId: org.repB.id,
        role: 'sales',
        access: 'read',
      });
      expect(await codeOf(crm.contacts.create(org.repB, { accountId: account.id, name: '李工' }))).toBe(
        'PERMISSION_DENIED',
      );
      const lead = await crm.leads.capture(
        org.repB,
        storyLead({ contact: { name: '李工', phone: '0531-8888 1111' } }),
      );
      await crm.leads.qualify(org.repB, lead.id);
      expect(
        await codeOf(crm.leads.convert(org.repB, lead.id, { account: { existingId: account.id } })),
      ).toBe('PERMISSION_DENIED');
      const contacts = (await crm.contacts.list(org.repA, { accountId: account.id })).items;
      expect(contacts.map((c) => c.name)).toEqual(['王工']);
    });

    it('finding 5: read-level deal members log only their own work; cases, loans and proxies need edit', async () => {
      const w = await world();
      const { crm, org } = w;
      const { deal, order } = await deliveredOrder(w);
      // presales joined the deal with read access; 销售员乙 has read access too, and manages nobody.
      await crm.opportunities.addTeamMember(org.repA, deal.id, {
        userId: org.repB.id,
        role: 'sales',
        access: 'read',
      });
      const own = await crm.activities.schedule(org.repB, {
        kind: 'visit',
        subject: '陪同拜访',
        startAt: '2026-03-04T02:00:00Z',
        opportunityId: deal.id,
      });
      expect(own.ownerId).toBe(org.repB.id);
      await crm.accounts.addTeamMember(org.repA, deal.accountId, {
        userId: org.repB.id,
        role: 'sales',
        access: 'read',
      });
      await crm.costs.record(org.repB, {
        category: 'travel',
        amount: cny(100_00),
        incurredOn: '2026-03-02',
        opportunityId: deal.id,
      });
      expect(
        await codeOf(
          crm.serviceCases.open(org.repB, { orderId: order.id, kind: 'repair', summary: '扫描枪不读码' }),
        ),
      ).toBe('PERMISSION_DENIED');
      expect(
        await codeOf(
          crm.demoLoans.lend(org.repB, {
            sku: 'MC3300',
            serial: 'DEMO-9',
            accountId: deal.accountId,
            opportunityId: deal.id,
            dueBack: '2026-03-20',
          }),
        ),
      ).toBe('PERMISSION_DENIED');
      // The otherManager's rep is nobody's proxy here: the manager above 乙 books for 乙 on a deal the
      // manager can only read through 乙's seat — refused, since that is work on behalf of another.
      const otherAccount = await crm.accounts.create(org.otherRep, { name: '分销客户', kind: 'end_user' });
      const readDeal = await crm.opportunities.create(org.otherRep, {
        name: '分销项目',
        accountId: otherAccount.id,
        channel: 'distribution',
        team: [{ userId: org.repB.id, role: 'sales', access: 'read' }],
      });
      expect(
        await codeOf(
          crm.costs.record(org.manager, {
            category: 'travel',
            amount: cny(1),
            incurredOn: '2026-03-02',
            opportunityId: readDeal.id,
            incurredBy: org.repB.id,
          }),
        ),
      ).toBe('PERMISSION_DENIED');
      expect(
        await codeOf(
          crm.activities.schedule(org.manager, {
            kind: 'visit',
            subject: '代排',
            startAt: '2026-03-05T02:00:00Z',
            opportunityId: readDeal.id,
            ownerId: org.repB.id,
          }),
        ),
      ).toBe('PERMISSION_DENIED');
      // The manager may still log their own visit on a deal they can read.
      await crm.activities.schedule(org.manager, {
        kind: 'visit',
        subject: '经理拜访',
        startAt: '2026-03-05T02:00:00Z',
        opportunityId: readDeal.id,
      });
    });

    it('finding 6: a transfer hands over loans, contacts and everything of the accounts it moves', async () => {
      const w = await world();
      const { crm, org } = w;
      const { deal, order } = await deliveredOrder(w);
      const contact = (await crm.contacts.list(org.repA, { accountId: deal.accountId })).items[0];
      if (!contact) throw new Error('the converted lead made a contact');
      const loan = await crm.demoLoans.lend(org.repA, {
        sku: 'MC3300',
        serial: 'DEMO-7',
        accountId: deal.accountId,
        opportunityId: deal.id,
        dueBack: '2026-03-20',
      });
      const cost = await crm.costs.record(org.repA, {
        category: 'travel',
        amount: cny(300_00),
        incurredOn: '2026-03-02',
        opportunityId: deal.id,
      });
      const visit = await crm.activities.schedule(org.repA, {
        kind: 'visit',
        subject: '回访',
        startAt: '2026-03-02T02:00:00Z',
        opportunityId: deal.id,
      });
      await crm.activities.complete(org.repA, visit.id, { outcome: { summary: '满意' } });
      const sc = await crm.serviceCases.open(org.repA, {
        orderId: order.id,
        kind: 'repair',
        summary: '坏了一把',
      });

      const dry = await crm.ownership.transfer(org.manager, {
        from: org.repA.id,
        to: org.repB.id,
        dryRun: true,
      });
      const listed = [...dry.plan.moves, ...dry.plan.stays].map((i) => `${i.kind}:${i.id}`);
      for (const key of [
        `contact:${contact.id}`,
        `demo_loan:${loan.id}`,
        `cost:${cost.id}`,
        `opportunity:${deal.id}`,
        `order:${order.id}`,
        `service_case:${sc.id}`,
      ])
        expect(listed).toContain(key);
      expect(dry.plan.stays.find((s) => s.id === cost.id)?.reason).toMatch(/incurred/);

      await crm.ownership.transfer(org.manager, { from: org.repA.id, to: org.repB.id });
      const b = org.repB;
      expect((await crm.accounts.get(b, deal.accountId)).ownerId).toBe(b.id);
      expect((await crm.orders.get(b, order.id)).ownerId).toBe(b.id);
      expect((await crm.opportunities.get(b, deal.id)).ownerId).toBe(b.id);
      expect((await crm.contacts.get(b, contact.id)).ownerId).toBe(b.id);
      expect((await crm.demoLoans.get(b, loan.id)).ownerId).toBe(b.id);
      expect((await crm.serviceCases.get(b, sc.id)).ownerId).toBe(b.id);
      expect((await crm.costs.get(b, cost.id)).incurredBy).toBe(org.repA.id);
      expect((await crm.activities.get(b, visit.id)).id).toBe(visit.id);
      const loanReminders = await storage.read({ tenantId: crm.tenantId }, (tx) =>
        tx.reminders.forSubject('demo_loan', loan.id),
      );
      expect(loanReminders.map((r) => r.userId)).toEqual([b.id]);
    });

    it('rule 1: a presales engineer on rep A’s deal reads the deal’s customer and contacts, never edits them, and loses them when taken off the team', async () => {
      const w = await world();
      const { crm, org } = w;
      const { account, contact } = await customerOfA(w);
      const engineer = org.presales;
      const reads = async () => ({
        account: await codeOf(crm.accounts.get(engineer, account.id)).catch(() => 'OK'),
        listed: (await crm.accounts.list(engineer)).items.map((a) => a.id).includes(account.id),
        found: (await crm.accounts.search(engineer, { query: '恒通' })).map((a) => a.id).includes(account.id),
        contact: await codeOf(crm.contacts.get(engineer, contact.id)).catch(() => 'OK'),
        contactListed: await crm.contacts.list(engineer, { accountId: account.id }).then(
          (page) => page.items.map((c) => c.id),
          (e: unknown) => (isCrmError(e) ? e.code : e),
        ),
        contactFound: (await crm.contacts.search(engineer, { query: '王工' })).map((c) => c.id),
      });
      const none = {
        account: 'NOT_FOUND',
        listed: false,
        found: false,
        contact: 'NOT_FOUND',
        contactListed: 'NOT_FOUND',
        contactFound: [],
      };
      expect(await reads()).toEqual(none);
      // An edit seat on the deal: the customer is still read-only through it.
      const deal = await crm.opportunities.create(org.repA, {
        name: '恒通机房改造',
        accountId: account.id,
        channel: 'key_account',
        team: [{ userId: engineer.id, role: 'presales', access: 'edit' }],
      });
      expect(await reads()).toEqual({
        account: 'OK',
        listed: true,
        found: true,
        contact: 'OK',
        contactListed: [contact.id],
        contactFound: [contact.id],
      });
      expect(await codeOf(crm.accounts.update(engineer, account.id, { name: '恒通改名' }))).toBe(
        'PERMISSION_DENIED',
      );
      expect(await codeOf(crm.contacts.update(engineer, contact.id, { title: '总工' }))).toBe(
        'PERMISSION_DENIED',
      );
      expect(await codeOf(crm.contacts.create(engineer, { accountId: account.id, name: '李工' }))).toBe(
        'PERMISSION_DENIED',
      );
      const why = await crm.access.explain(engineer, 'account', account.id);
      expect(why).toMatchObject({ canRead: true, canEdit: false });
      expect(why.grants.map((g) => [g.kind, g.level])).toEqual([['team', 'read']]);
      expect(why.summary).toContain('is on the team of a deal on this customer as presales');
      expect((await crm.accounts.get(org.repA, account.id)).name).toBe('山东恒通');
      expect((await crm.contacts.get(org.repA, contact.id)).title ?? null).toBeNull();
      // Off the team: every path closes again, the explanation with it.
      await crm.opportunities.removeTeamMember(org.repA, deal.id, engineer.id);
      expect(await reads()).toEqual(none);
      expect(await codeOf(crm.access.explain(engineer, 'account', account.id))).toBe('NOT_FOUND');
    });

    it('explains access for every kind of record, agreeing with what the reader can open', async () => {
      const w = await world();
      const { crm, org } = w;
      const { deal, order } = await deliveredOrder(w);
      const contact = (await crm.contacts.list(org.repA, { accountId: deal.accountId })).items[0];
      if (!contact) throw new Error('the converted lead made a contact');
      const cost = await crm.costs.record(org.presales, {
        category: 'travel',
        amount: cny(10_00),
        incurredOn: '2026-03-02',
        opportunityId: deal.id,
      });
      const sc = await crm.serviceCases.open(org.repA, { orderId: order.id, kind: 'repair', summary: '坏' });
      const records = [
        ['opportunity', deal.id],
        ['order', order.id],
        ['account', deal.accountId],
        ['contact', contact.id],
        ['cost', cost.id],
        ['service_case', sc.id],
      ] as const;
      for (const [kind, id] of records) {
        const owner = await crm.access.explain(org.manager, kind, id);
        expect(owner.canEdit).toBe(true);
        expect(owner.summary).toContain('can read and edit');
      }
      const onTeam = await crm.access.explain(org.presales, 'order', order.id);
      expect(onTeam.grants.map((g) => g.kind)).toEqual(['team']);
      // On the deal's team, the presales engineer reads its customer's contacts, never edits them.
      const contactWhy = await crm.access.explain(org.presales, 'contact', contact.id);
      expect(contactWhy).toMatchObject({ canRead: true, canEdit: false });
      expect(contactWhy.summary).toContain('which reads the customer');
      expect(await codeOf(crm.access.explain(org.repB, 'service_case', sc.id))).toBe('NOT_FOUND');
    });
  });
}
