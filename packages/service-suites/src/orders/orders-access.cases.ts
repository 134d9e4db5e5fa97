import { expect, it } from 'vitest';
import type { ServiceWorld } from '../support/harness.js';
import { eventsOf, expectInvalidField, lineOf, refusal, wonDeal } from './order-fixtures.js';

/** Salespeople do not see each other's orders; managers and the deal team do. */
export function orderAccessCases(world: () => Promise<ServiceWorld>): void {
  it('hides a rep’s order from another rep and lets the manager see and ship it', async () => {
    const w = await world();
    const { crm, org } = w;
    const deal = await wonDeal(w);
    const order = await crm.orders.createFromOpportunity(org.repA, deal.id);
    await crm.orders.confirm(org.repA, order.id);
    const ship = { lines: [{ lineId: lineOf(order, 'SRV-R740').id, quantity: 1, serials: ['SRV-1'] }] };

    const hidden = await refusal(crm.orders.get(org.repB, order.id), 'NOT_FOUND');
    expect(hidden.message).toBe(`order ${order.id} not found`);
    await refusal(crm.orders.ship(org.repB, order.id, ship), 'NOT_FOUND');
    await refusal(crm.orders.createFromOpportunity(org.repB, deal.id), 'NOT_FOUND');
    expect((await crm.orders.list(org.repB)).items).toEqual([]);
    await refusal(crm.orders.get(org.otherManager, order.id), 'NOT_FOUND');

    expect((await crm.orders.get(org.manager, order.id)).id).toBe(order.id);
    const shipped = await crm.orders.ship(org.manager, order.id, ship);
    expect(shipped.status).toBe('partially_shipped');
    // The presales engineer on the deal team sees the order that came out of the deal.
    expect((await crm.orders.list(org.presales)).items.map((o) => o.id)).toEqual([order.id]);

    const history = await crm.history.forRecord(org.admin, 'order', order.id);
    expect(history.map((e) => [e.event, e.actorId])).toEqual([
      ['order.created', org.repA.id],
      ['order.confirmed', org.repA.id],
      ['order.shipped', org.manager.id],
    ]);
    expect(history.at(-1)?.changes.status).toEqual({ from: 'confirmed', to: 'partially_shipped' });
  });

  it('refuses a direct order for an account the rep cannot see, and stale versions', async () => {
    const w = await world();
    const { crm, org } = w;
    const dealer = await crm.accounts.create(org.otherRep, { name: '烟台条码经销商', kind: 'dealer' });
    const line = { sku: 'LS2208', quantity: 5, unitPrice: { amount: 110_000, currency: 'CNY' } };
    await refusal(crm.orders.createDirect(org.repA, { accountId: dealer.id, lines: [line] }), 'NOT_FOUND');
    await refusal(
      crm.orders.createDirect(org.otherRep, { accountId: dealer.id, lines: [line], ownerId: org.repA.id }),
      'PERMISSION_DENIED',
    );
    await expectInvalidField(
      crm.orders.createDirect(org.otherRep, {
        accountId: dealer.id,
        lines: [{ ...line, unitPrice: { amount: 1, currency: 'USD' } }],
      }),
      'lines.0.unitPrice.currency',
    );
    await expectInvalidField(
      crm.orders.createDirect(org.otherRep, { accountId: dealer.id, lines: [] }),
      'lines',
    );
    await expectInvalidField(
      crm.orders.createDirect(org.otherRep, {
        accountId: dealer.id,
        lines: [{ ...line, unitPrice: { amount: 1.5, currency: 'CNY' } }],
      }),
      'lines.0.unitPrice.amount',
    );
    const order = await crm.orders.createDirect(org.otherRep, { accountId: dealer.id, lines: [line] });
    await crm.orders.confirm(org.otherRep, order.id, { expectedVersion: 1 });
    await refusal(crm.orders.confirm(org.otherRep, order.id, { expectedVersion: 1 }), 'CONCURRENCY');
    await expectInvalidField(crm.orders.get(org.otherRep, ' '), '');
    expect(await eventsOf(w, 'order', order.id)).toEqual(['order.created', 'order.confirmed']);
  });
}
