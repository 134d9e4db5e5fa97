import { expect, it } from 'vitest';
import type { ServiceWorld } from '../support/harness.js';
import { expectInvalidField } from '../support/service-expect.js';
import { cny, expectReason, keyAccountDeal, stageOf } from './opportunity-fixtures.js';

/** Closing a deal: the win gates, the order created with the win, losing, reopening. */
export function opportunityClosingCases(world: () => Promise<ServiceWorld>): void {
  it('wins only with lines and an amount, and can create the order in the same command', async () => {
    const w = await world();
    const { repA, presales } = w.org;
    const { deal } = await keyAccountDeal(w, []);
    await w.crm.opportunities.addTeamMember(repA, deal.id, { userId: presales.id, role: 'presales' });
    await expectReason(w.crm.opportunities.win(repA, deal.id), 'needs at least one product line on the deal');
    await w.crm.opportunities.addLine(repA, deal.id, { sku: 'LS2208', quantity: 200, unitPrice: cny(0) });
    await expectReason(w.crm.opportunities.win(repA, deal.id), 'needs a deal amount greater than zero');
    await w.crm.opportunities.addLine(repA, deal.id, {
      sku: 'SRV-R740',
      quantity: 1,
      unitPrice: cny(4_500_000),
    });
    const { opportunity, order } = await w.crm.opportunities.win(repA, deal.id, {
      createOrder: { promisedDelivery: '2026-06-30' },
    });
    expect(opportunity).toMatchObject({ stage: 'won', probability: 100, forecastCategory: 'closed' });
    expect(opportunity.closedAt).toBe(w.clock.now());
    expect(order).toMatchObject({
      status: 'draft',
      opportunityId: deal.id,
      accountId: deal.accountId,
      amount: cny(4_500_000),
    });
    expect((await w.crm.orders.list(repA, { opportunityId: [deal.id] })).items.map((o) => o.id)).toEqual([
      order?.id,
    ]);
    await expectReason(w.crm.opportunities.win(repA, deal.id), 'the deal is already won');
    await expectReason(
      w.crm.opportunities.reopen(repA, deal.id),
      'an order already exists; cancel the order first',
    );
    expect((await w.crm.opportunities.get(repA, deal.id)).stage).toBe('won');
  });

  it('loses with a reason, reopens a lost deal, and reopens a won deal without an order', async () => {
    const w = await world();
    const { repA, presales } = w.org;
    const { deal } = await keyAccountDeal(w);
    await expectInvalidField(w.crm.opportunities.lose(repA, deal.id, { reason: '' }), 'reason');
    const lost = await w.crm.opportunities.lose(repA, deal.id, {
      reason: 'lost on price',
      competitor: '竞争对手A',
    });
    expect(lost).toMatchObject({
      stage: 'lost',
      probability: 0,
      forecastCategory: 'omitted',
      lostReason: 'lost on price',
    });
    expect(lost.competitors).toEqual(['竞争对手A']);
    await expectReason(
      w.crm.opportunities.lose(repA, deal.id, { reason: 'again' }),
      'the deal is already lost',
    );
    const reopened = await w.crm.opportunities.reopen(repA, deal.id);
    expect(reopened).toMatchObject({
      stage: 'qualification',
      probability: 10,
      lostReason: null,
      closedAt: null,
    });

    await w.crm.opportunities.addTeamMember(repA, deal.id, { userId: presales.id, role: 'presales' });
    await w.crm.opportunities.win(repA, deal.id);
    const again = await w.crm.opportunities.reopen(repA, deal.id);
    expect(stageOf(again)).toEqual(['negotiation', 80, 'commit']);
    await expectReason(w.crm.opportunities.reopen(repA, deal.id), 'the deal is still open');
  });
}
