import { expect, it } from 'vitest';
import type { ServiceWorld } from '../support/harness.js';
import { storyLead } from '../support/harness.js';
import { expectCode, expectInvalidField } from '../support/service-expect.js';

/** An account owned by 销售员甲, for revisits and conversions into an existing customer. */
export async function repAccount(w: ServiceWorld, name = '济南老客户物流有限公司') {
  return w.crm.accounts.create(w.org.repA, { name, kind: 'end_user', channel: 'key_account' });
}

/** Capture: the four sources of the source document, the fields each needs, bad input, ownership. */
export function leadCaptureCases(world: () => Promise<ServiceWorld>): void {
  it('captures a lead from each of the four sources with the facts that source needs', async () => {
    const w = await world();
    const { repA } = w.org;
    const account = await repAccount(w);
    const call = await w.crm.leads.capture(repA, storyLead());
    expect(call).toMatchObject({
      source: 'inbound_call',
      // Offsets are canonicalised to UTC instants.
      receivedAt: '2026-03-02T01:15:00.000Z',
      company: '山东恒通系统集成有限公司',
      contact: { name: '王工', phone: '0531-8888 0000' },
      interests: [
        { sku: 'LS2208', quantity: 200 },
        { sku: 'SRV-R740', quantity: 1 },
      ],
      channel: 'key_account',
      region: { province: '37' },
      ownerId: repA.id,
      status: 'new',
      accountId: null,
      referredBy: null,
      eventName: null,
      lastContactAt: null,
      version: 1,
      createdAt: '2026-03-02T01:00:00.000Z',
    });
    const referral = await w.crm.leads.capture(
      repA,
      storyLead({ source: 'referral', referredBy: '老朋友张总', company: '淄博华信' }),
    );
    expect(referral).toMatchObject({ source: 'referral', referredBy: '老朋友张总' });
    const revisit = await w.crm.leads.capture(
      repA,
      storyLead({ source: 'customer_revisit', accountId: account.id, company: account.name }),
    );
    expect(revisit).toMatchObject({ source: 'customer_revisit', accountId: account.id });
    const event = await w.crm.leads.capture(
      repA,
      storyLead({ source: 'marketing_event', eventName: '2026 济南条码技术展', company: '潍坊物联' }),
    );
    expect(event).toMatchObject({ source: 'marketing_event', eventName: '2026 济南条码技术展' });
    // Stored as returned: a read gives back exactly the captured record.
    expect(await w.crm.leads.get(repA, event.id)).toEqual(event);
  });

  it('refuses a source without the field it needs, naming that field', async () => {
    const w = await world();
    const { repA } = w.org;
    await expectInvalidField(w.crm.leads.capture(repA, storyLead({ source: 'referral' })), 'referredBy');
    await expectInvalidField(
      w.crm.leads.capture(repA, storyLead({ source: 'referral', referredBy: '   ' })),
      'referredBy',
    );
    await expectInvalidField(
      w.crm.leads.capture(repA, storyLead({ source: 'marketing_event' })),
      'eventName',
    );
    await expectInvalidField(
      w.crm.leads.capture(repA, storyLead({ source: 'customer_revisit' })),
      'accountId',
    );
    // A revisit of a customer the rep cannot see is refused like a missing one.
    const peers = await w.crm.accounts.create(w.org.repB, { name: '乙的客户', kind: 'end_user' });
    const hidden = await expectCode(
      w.crm.leads.capture(repA, storyLead({ source: 'customer_revisit', accountId: peers.id })),
      'NOT_FOUND',
    );
    expect(hidden).toMatchObject({ entity: 'account', id: peers.id });
    expect((await w.crm.leads.list(repA)).items).toEqual([]);
  });

  it('refuses bad contact details and quantities with the field path', async () => {
    const w = await world();
    const { repA } = w.org;
    await expectInvalidField(
      w.crm.leads.capture(repA, storyLead({ contact: { name: '王工', phone: 'call me maybe' } })),
      'contact.phone',
    );
    await expectInvalidField(
      w.crm.leads.capture(repA, storyLead({ contact: { name: '王工', email: 'wang-at-example' } })),
      'contact.email',
    );
    await expectInvalidField(
      w.crm.leads.capture(repA, storyLead({ interests: [{ sku: 'LS2208', quantity: -5 }] })),
      'interests.0.quantity',
    );
    await expectInvalidField(
      w.crm.leads.capture(
        repA,
        storyLead({
          interests: [
            { sku: 'LS2208', quantity: 2 },
            { sku: 'SRV-R740', quantity: 0 },
          ],
        }),
      ),
      'interests.1.quantity',
    );
    await expectInvalidField(
      w.crm.leads.capture(repA, storyLead({ receivedAt: '2026-03-02 09:15' })),
      'receivedAt',
    );
    await expectInvalidField(w.crm.leads.capture(repA, storyLead({ company: '  ' })), 'company');
    expect((await w.crm.leads.list(repA)).items).toEqual([]);
  });

  it('captures for someone else only when the actor manages them', async () => {
    const w = await world();
    const { manager, repA, repB, otherManager } = w.org;
    const assigned = await w.crm.leads.capture(manager, storyLead({ ownerId: repA.id }));
    expect(assigned.ownerId).toBe(repA.id);
    expect((await w.crm.leads.get(repA, assigned.id)).id).toBe(assigned.id);
    await expectCode(w.crm.leads.capture(repA, storyLead({ ownerId: repB.id })), 'PERMISSION_DENIED');
    await expectCode(w.crm.leads.capture(otherManager, storyLead({ ownerId: repA.id })), 'PERMISSION_DENIED');
    expect((await w.crm.leads.list(repB)).items).toEqual([]);
    expect((await w.crm.leads.list(manager)).items.map((l) => l.id)).toEqual([assigned.id]);
  });

  it('keeps leads private between peers while their manager sees both', async () => {
    const w = await world();
    const { manager, repA, repB, otherManager } = w.org;
    const mine = await w.crm.leads.capture(repA, storyLead());
    const theirs = await w.crm.leads.capture(repB, storyLead({ company: '青岛港务物流' }));
    const hidden = await expectCode(w.crm.leads.get(repB, mine.id), 'NOT_FOUND');
    expect(hidden).toMatchObject({ entity: 'lead', id: mine.id });
    // Writes by the peer fail the same way, so ids cannot be probed.
    await expectCode(w.crm.leads.qualify(repB, mine.id), 'NOT_FOUND');
    expect((await w.crm.leads.list(repB)).items.map((l) => l.id)).toEqual([theirs.id]);
    expect((await w.crm.leads.list(repA)).items.map((l) => l.id)).toEqual([mine.id]);
    expect(new Set((await w.crm.leads.list(manager)).items.map((l) => l.id))).toEqual(
      new Set([mine.id, theirs.id]),
    );
    expect((await w.crm.leads.list(manager, { ownerId: [repB.id] })).items.map((l) => l.id)).toEqual([
      theirs.id,
    ]);
    expect((await w.crm.leads.list(otherManager)).items).toEqual([]);
    await expectCode(w.crm.leads.get(otherManager, theirs.id), 'NOT_FOUND');
  });
}
