import { expect, it } from 'vitest';
import type { ServiceWorld } from '../support/harness.js';
import { storyLead } from '../support/harness.js';
import { expectCode, expectInvalidField } from '../support/service-expect.js';
import { repAccount } from './lead-capture.cases.js';

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const HOUR = 3_600_000;

/** The quote ledger (MISSION point 1): append-only, so the salesperson is never caught out bargaining. */
export function leadQuoteCases(world: () => Promise<ServiceWorld>): void {
  it('appends quotes to the ledger; the last price given is the one found', async () => {
    const w = await world();
    const { repA, repB } = w.org;
    const account = await repAccount(w);
    const lead = await w.crm.leads.capture(
      repA,
      storyLead({ source: 'customer_revisit', accountId: account.id }),
    );
    const first = await w.crm.leads.quote(repA, lead.id, {
      sku: 'LS2208',
      quantity: 200,
      unitPrice: cny(128_000),
      validUntil: '2026-04-30',
    });
    expect(first).toMatchObject({
      leadId: lead.id,
      accountId: account.id,
      opportunityId: null,
      quotedBy: repA.id,
      quotedAt: '2026-03-02T01:00:00.000Z',
      unitPrice: cny(128_000),
      note: null,
    });
    w.clock.advance(HOUR);
    const server = await w.crm.leads.quote(repA, lead.id, {
      sku: 'SRV-R740',
      quantity: 1,
      unitPrice: cny(4_500_000),
      validUntil: '2026-04-30',
    });
    w.clock.advance(HOUR);
    const bargained = await w.crm.leads.quote(repA, lead.id, {
      sku: 'LS2208',
      quantity: 200,
      unitPrice: cny(119_999),
      validUntil: '2026-05-15',
      note: 'matched the competitor',
    });
    expect(await w.crm.leads.lastQuote(repA, { leadId: lead.id })).toEqual(bargained);
    expect(await w.crm.leads.lastQuote(repA, { leadId: lead.id, sku: 'SRV-R740' })).toEqual(server);
    expect(await w.crm.leads.lastQuote(repA, { accountId: account.id, sku: 'LS2208' })).toEqual(bargained);
    expect(await w.crm.leads.lastQuote(repA, { leadId: lead.id, sku: 'NET-SW24' })).toBeNull();
    expect((await w.crm.leads.quotes(repA, lead.id)).map((q) => q.id)).toEqual([
      bargained.id,
      server.id,
      first.id,
    ]);
    // A quote is customer contact: the lead is being worked.
    expect(await w.crm.leads.get(repA, lead.id)).toMatchObject({
      status: 'working',
      lastContactAt: '2026-03-02T03:00:00.000Z',
    });
    await expectCode(w.crm.leads.lastQuote(repB, { leadId: lead.id }), 'NOT_FOUND');
    await expectCode(w.crm.leads.quotes(repB, lead.id), 'NOT_FOUND');
    const bad = { sku: 'LS2208', quantity: 1, validUntil: '2026-04-30' };
    await expectInvalidField(
      w.crm.leads.quote(repA, lead.id, { ...bad, unitPrice: cny(-1) }),
      'unitPrice.amount',
    );
    await expectInvalidField(
      w.crm.leads.quote(repA, lead.id, { ...bad, unitPrice: cny(1.5) }),
      'unitPrice.amount',
    );
    await expectInvalidField(w.crm.leads.lastQuote(repA, { sku: 'LS2208' }), 'leadId');
    expect(await w.crm.leads.quotes(repA, lead.id)).toHaveLength(3);
  });
}
