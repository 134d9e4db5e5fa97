import { expect, it } from 'vitest';
import type { ServiceWorld } from '../support/harness.js';
import { storyLead } from '../support/harness.js';
import { expectCode, expectInvalidField } from '../support/service-expect.js';
import { repAccount } from './lead-capture.cases.js';

const cny = (amount: number) => ({ amount, currency: 'CNY' });

/** A lead of 销售员甲 that has been worked (one call) and quoted per the given prices. */
async function workedLead(w: ServiceWorld, overrides: Record<string, unknown>, prices: [string, number][]) {
  const { repA } = w.org;
  const lead = await w.crm.leads.capture(repA, storyLead(overrides));
  await w.crm.leads.logContact(repA, lead.id, {
    kind: 'call',
    at: '2026-03-02T10:00:00+08:00',
    outcome: { summary: 'wants a quote' },
  });
  for (const [sku, price] of prices) {
    w.clock.advance(60_000);
    await w.crm.leads.quote(repA, lead.id, {
      sku,
      quantity: 1,
      unitPrice: cny(price),
      validUntil: '2026-04-30',
    });
  }
  return w.crm.leads.get(repA, lead.id);
}

/** Conversion: account + contact + opportunity in one transaction, or linked to existing ones. */
export function leadConvertCases(world: () => Promise<ServiceWorld>): void {
  it('creates the account, the contact and the deal priced at the last quote per SKU', async () => {
    const w = await world();
    const { repA, presales } = w.org;
    const lead = await workedLead(w, {}, [
      ['LS2208', 128_000],
      ['LS2208', 119_500],
    ]);
    const result = await w.crm.leads.convert(repA, lead.id, {
      account: { kind: 'system_integrator' },
      team: [{ userId: presales.id, role: 'presales' }],
      expectedVersion: lead.version,
    });
    expect(result.account).toMatchObject({
      name: '山东恒通系统集成有限公司',
      kind: 'system_integrator',
      ownerId: repA.id,
      phones: ['0531-8888 0000'],
    });
    expect(result.contact).toMatchObject({ name: '王工', accountId: result.account.id, ownerId: repA.id });
    expect(result.opportunity).toMatchObject({
      accountId: result.account.id,
      ownerId: repA.id,
      leadId: lead.id,
      channel: 'key_account',
      stage: 'qualification',
      probability: 10,
      team: [{ userId: presales.id, role: 'presales', access: 'edit' }],
      amount: cny(200 * 119_500),
    });
    // The server was never quoted: priced at 0 until it is.
    expect(result.opportunity.lines.map((l) => [l.sku, l.quantity, l.unitPrice.amount])).toEqual([
      ['LS2208', 200, 119_500],
      ['SRV-R740', 1, 0],
    ]);
    expect(result.lead).toMatchObject({
      status: 'converted',
      accountId: result.account.id,
      convertedOpportunityId: result.opportunity.id,
      convertedContactId: result.contact.id,
      convertedAt: w.clock.now(),
    });
    // The quote ledger follows the deal.
    expect(await w.crm.leads.lastQuote(repA, { opportunityId: result.opportunity.id })).toMatchObject({
      unitPrice: cny(119_500),
      accountId: result.account.id,
    });
    expect(await w.crm.opportunities.get(presales, result.opportunity.id)).toEqual(result.opportunity);
  });

  it('converts into an existing account, and into an existing open deal', async () => {
    const w = await world();
    const { repA } = w.org;
    const account = await repAccount(w);
    const first = await workedLead(w, { interests: [{ sku: 'LS2208', quantity: 200 }] }, [
      ['LS2208', 120_000],
    ]);
    const { opportunity: deal, contact } = await w.crm.leads.convert(repA, first.id, {
      account: { existingId: account.id },
    });
    expect(deal).toMatchObject({ accountId: account.id, amount: cny(24_000_000) });
    expect(contact.accountId).toBe(account.id);
    const second = await workedLead(
      w,
      { company: account.name, interests: [{ sku: 'NET-SW24', quantity: 3 }] },
      [['NET-SW24', 1_999_99]],
    );
    const merged = await w.crm.leads.convert(repA, second.id, {
      account: { existingId: account.id },
      opportunityId: deal.id,
    });
    expect(merged.opportunity).toMatchObject({ id: deal.id, version: deal.version + 1 });
    expect(merged.opportunity.lines.map((l) => [l.sku, l.quantity, l.unitPrice.amount])).toEqual([
      ['LS2208', 200, 120_000],
      ['NET-SW24', 3, 1_999_99],
    ]);
    expect(merged.opportunity.amount).toEqual(cny(24_000_000 + 5_999_97));
    expect((await w.crm.opportunities.list(repA)).items.map((o) => o.id)).toEqual([deal.id]);
    const events = (await w.crm.history.forRecord(repA, 'opportunity', deal.id)).map((e) => e.event);
    expect(events).toEqual(['opportunity.created', 'opportunity.lead_merged']);
  });

  it('refuses to convert into a closed deal, leaving the lead as it was', async () => {
    const w = await world();
    const { repA } = w.org;
    const account = await repAccount(w);
    const first = await workedLead(w, {}, []);
    const { opportunity } = await w.crm.leads.convert(repA, first.id, {
      account: { existingId: account.id },
    });
    await w.crm.opportunities.lose(repA, opportunity.id, { reason: 'tender cancelled' });
    const second = await workedLead(w, { company: account.name }, []);
    const error = await expectCode(
      w.crm.leads.convert(repA, second.id, {
        account: { existingId: account.id },
        opportunityId: opportunity.id,
      }),
      'INVALID_TRANSITION',
    );
    expect(error).toMatchObject({ from: 'lost', reason: 'the opportunity is closed; reopen it first' });
    expect(await w.crm.leads.get(repA, second.id)).toEqual(second);
    expect((await w.crm.contacts.list(repA, { accountId: account.id })).items).toHaveLength(1);
  });

  it('refuses a lead never worked, a doubled team member and a stale version', async () => {
    const w = await world();
    const { repA, presales } = w.org;
    const fresh = await w.crm.leads.capture(repA, storyLead());
    const notWorked = await expectCode(w.crm.leads.convert(repA, fresh.id), 'INVALID_TRANSITION');
    expect(notWorked).toMatchObject({
      from: 'new',
      event: 'CONVERT',
      reason: 'the lead has not been worked yet; contact the customer first',
    });
    const lead = await workedLead(w, {}, []);
    await expectInvalidField(
      w.crm.leads.convert(repA, lead.id, {
        team: [
          { userId: presales.id, role: 'presales' },
          { userId: presales.id, role: 'service', access: 'read' },
        ],
      }),
      'team.1.userId',
    );
    const stale = await expectCode(w.crm.leads.convert(repA, lead.id, { expectedVersion: 1 }), 'CONCURRENCY');
    expect(stale).toMatchObject({ entity: 'lead', id: lead.id, expected: 1, actual: lead.version });
    await expectCode(w.crm.leads.convert(w.org.repB, lead.id), 'NOT_FOUND');
    // Nothing was created by any of the refused conversions.
    expect((await w.crm.accounts.list(repA)).items).toEqual([]);
    expect((await w.crm.opportunities.list(repA)).items).toEqual([]);
    expect((await w.crm.leads.get(repA, lead.id)).status).toBe('working');
  });
}
