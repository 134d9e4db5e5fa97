import { expect, it } from 'vitest';
import type { ServiceWorld } from '../support/harness.js';
import { expectCode, expectInvalidField } from '../support/service-expect.js';
import { keyAccountDeal } from './opportunity-fixtures.js';

/** Exactly one primary contact whenever the deal has any. */
const primaries = (deal: { contacts: { contactId: string; primary: boolean }[] }) =>
  deal.contacts.filter((c) => c.primary).map((c) => c.contactId);

/** A deal of 销售员甲 with an end customer, and a person at each of the two accounts. */
async function dealWithPeople(w: ServiceWorld) {
  const { repA } = w.org;
  const { deal, account } = await keyAccountDeal(w);
  const linked = await w.crm.opportunities.linkEndCustomer(repA, deal.id, { name: '山东物流集团' });
  const wang = await w.crm.contacts.create(repA, { accountId: account.id, name: '王工' });
  const zhou = await w.crm.contacts.create(repA, {
    accountId: linked.endCustomer?.accountId ?? '',
    name: '周总',
  });
  return { deal: linked, account, wang, zhou };
}

/** People of the customer and the end customer on the deal, in buying roles, and who a visit met. */
export function dealContactCases(world: () => Promise<ServiceWorld>): void {
  it('keeps exactly one primary contact as people join, change role and leave', async () => {
    const w = await world();
    const { repA, manager } = w.org;
    const { deal, wang, zhou } = await dealWithPeople(w);

    const first = await w.crm.opportunities.addContact(repA, deal.id, {
      contactId: wang.id,
      role: 'influencer',
    });
    expect(first.contacts).toEqual([{ contactId: wang.id, role: 'influencer', primary: true }]);

    const second = await w.crm.opportunities.addContact(repA, deal.id, {
      contactId: zhou.id,
      role: 'decision_maker',
      primary: true,
      expectedVersion: first.version,
    });
    expect(second.contacts).toEqual([
      { contactId: wang.id, role: 'influencer', primary: false },
      { contactId: zhou.id, role: 'decision_maker', primary: true },
    ]);

    const retitled = await w.crm.opportunities.addContact(repA, deal.id, {
      contactId: wang.id,
      role: 'technical_evaluator',
    });
    expect(retitled.contacts).toEqual([
      { contactId: wang.id, role: 'technical_evaluator', primary: false },
      { contactId: zhou.id, role: 'decision_maker', primary: true },
    ]);

    const left = await w.crm.opportunities.removeContact(repA, deal.id, zhou.id, retitled.version);
    expect(left.contacts).toEqual([{ contactId: wang.id, role: 'technical_evaluator', primary: true }]);
    expect(primaries(await w.crm.opportunities.get(manager, deal.id))).toEqual([wang.id]);
    const gone = await w.crm.opportunities.removeContact(repA, deal.id, wang.id);
    expect(gone.contacts).toEqual([]);

    const events = (await w.crm.history.forRecord(manager, 'opportunity', deal.id)).map((e) => e.event);
    expect(events.filter((e) => e === 'opportunity.contact_added')).toHaveLength(3);
    expect(events.filter((e) => e === 'opportunity.contact_removed')).toHaveLength(2);
  });

  it('refuses unknown, unseen and unrelated contacts, bad roles and people without edit access', async () => {
    const w = await world();
    const { repA, repB, presales } = w.org;
    const { deal, wang } = await dealWithPeople(w);
    await expectCode(
      w.crm.opportunities.addContact(repA, deal.id, { contactId: 'cont_missing', role: 'user' }),
      'NOT_FOUND',
    );
    const { account: elsewhere } = await keyAccountDeal(w, undefined, repA);
    const stranger = await w.crm.contacts.create(repA, { accountId: elsewhere.id, name: '陌生人' });
    await expectInvalidField(
      w.crm.opportunities.addContact(repA, deal.id, { contactId: stranger.id, role: 'user' }),
      'contactId',
    );
    const { account: ruida } = await keyAccountDeal(w, undefined, repB);
    const hidden = await w.crm.contacts.create(repB, { accountId: ruida.id, name: '刘经理' });
    await expectCode(
      w.crm.opportunities.addContact(repA, deal.id, { contactId: hidden.id, role: 'user' }),
      'NOT_FOUND',
    );
    await expectInvalidField(
      w.crm.opportunities.addContact(repA, deal.id, { contactId: wang.id, role: 'boss' as never }),
      'role',
    );
    await expectCode(
      w.crm.opportunities.addContact(repB, deal.id, { contactId: wang.id, role: 'user' }),
      'NOT_FOUND',
    );
    await w.crm.opportunities.addTeamMember(repA, deal.id, {
      userId: presales.id,
      role: 'presales',
      access: 'read',
    });
    await expectCode(
      w.crm.opportunities.addContact(presales, deal.id, { contactId: wang.id, role: 'user' }),
      'PERMISSION_DENIED',
    );
    await expectInvalidField(w.crm.opportunities.removeContact(repA, deal.id, wang.id), 'contactId');
    expect((await w.crm.opportunities.get(repA, deal.id)).contacts).toEqual([]);
  });

  it('records which deal contacts a visit met, and only the deal’s own', async () => {
    const w = await world();
    const { repA } = w.org;
    const { deal, account, wang, zhou } = await dealWithPeople(w);
    await w.crm.opportunities.addContact(repA, deal.id, { contactId: wang.id, role: 'technical_evaluator' });
    const visit = await w.crm.activities.schedule(repA, {
      kind: 'visit',
      subject: '拜访恒通, 售前讲解方案',
      startAt: '2026-03-10T14:00:00+08:00',
      opportunityId: deal.id,
    });
    const outcome = { opinion: 'positive' as const, summary: '认可方案, 关注交期' };
    await expectInvalidField(
      w.crm.activities.complete(repA, visit.id, {
        outcome: { ...outcome, metContactIds: [wang.id, zhou.id] },
      }),
      'outcome.metContactIds.1',
    );
    const done = await w.crm.activities.complete(repA, visit.id, {
      outcome: { ...outcome, metContactIds: [wang.id] },
    });
    expect(done.outcome?.metContactIds).toEqual([wang.id]);
    expect((await w.crm.activities.get(repA, visit.id)).outcome?.metContactIds).toEqual([wang.id]);

    const call = await w.crm.activities.schedule(repA, {
      kind: 'call',
      subject: '电话回访',
      startAt: '2026-03-11T10:00:00+08:00',
      accountId: account.id,
    });
    await expectInvalidField(
      w.crm.activities.complete(repA, call.id, { outcome: { ...outcome, metContactIds: [wang.id] } }),
      'outcome.metContactIds',
    );
    const plain = await w.crm.activities.complete(repA, call.id, { outcome });
    expect(plain.outcome?.metContactIds).toEqual([]);
  });
}
