import { expect, it } from 'vitest';
import type { ServiceWorld } from '../support/harness.js';
import { eventsOf, lineOf, scannerSerials, shippedOrder, wonDeal } from './order-fixtures.js';

/** The happy paths: won deal → order → shipments → delivery → after-sales → close; direct orders. */
export function orderFlowCases(world: () => Promise<ServiceWorld>): void {
  it('turns a won deal into an order and ships it in two shipments', async () => {
    const w = await world();
    const { crm, org } = w;
    const deal = await wonDeal(w);
    const order = await crm.orders.createFromOpportunity(org.repA, deal.id, {
      promisedDelivery: '2026-06-30',
    });
    expect(order).toMatchObject({
      status: 'draft',
      opportunityId: deal.id,
      accountId: deal.accountId,
      ownerId: org.repA.id,
    });
    expect(order.number).toMatch(/^SO-2026-\d{6}$/);
    expect(order.amount).toEqual({ amount: 200 * 120_000 + 4_500_000, currency: 'CNY' });
    expect(order.lines.map((l) => [l.sku, l.quantity, l.shippedQuantity])).toEqual([
      ['LS2208', 200, 0],
      ['SRV-R740', 1, 0],
    ]);

    const confirmed = await crm.orders.confirm(org.repA, order.id, { expectedVersion: order.version });
    const scanners = lineOf(order, 'LS2208').id;
    const partial = await crm.orders.ship(org.repA, order.id, {
      lines: [{ lineId: scanners, quantity: 120, serials: scannerSerials(1, 120) }],
      expectedVersion: confirmed.version,
    });
    expect(partial.status).toBe('partially_shipped');
    expect(lineOf(partial, 'LS2208')).toMatchObject({ shippedQuantity: 120 });
    expect(lineOf(partial, 'LS2208').serials).toHaveLength(120);

    const shipped = await crm.orders.ship(org.repA, order.id, {
      lines: [
        { lineId: scanners, quantity: 80, serials: scannerSerials(121, 80) },
        // Serials are optional: a server shipped without its serial recorded yet.
        { lineId: lineOf(order, 'SRV-R740').id, quantity: 1 },
      ],
    });
    expect(shipped.status).toBe('shipped');
    expect(lineOf(shipped, 'LS2208').serials.at(-1)).toBe('LS-200');
    expect(await eventsOf(w, 'order', order.id)).toEqual([
      'order.created',
      'order.confirmed',
      'order.shipped',
      'order.shipped',
    ]);
  });

  it('starts the warranty on the local delivery date and keeps the after-sales visit in view', async () => {
    const w = await world();
    const { crm, org, clock } = w;
    const { order } = await shippedOrder(w);
    // 00:30 on 1 April in Shanghai is still 31 March in UTC: the warranty counts from 1 April.
    clock.set('2026-03-31T16:30:00.000Z');
    const delivered = await crm.orders.deliver(org.repA, order.id);
    expect(delivered).toMatchObject({ status: 'delivered', deliveredAt: '2026-03-31T16:30:00.000Z' });
    expect(delivered.lines.map((l) => l.warrantyUntil)).toEqual(['2027-04-01', '2027-04-01']);
    const reminders = await w.storage.read({ tenantId: crm.tenantId }, (tx) =>
      tx.reminders.forSubject('order', order.id),
    );
    expect(reminders.map((r) => r.kind)).toEqual(['after_sales_visit']);

    const closed = await crm.orders.close(org.repA, order.id);
    expect(closed.status).toBe('closed');
    expect((await eventsOf(w, 'order', order.id)).slice(-2)).toEqual(['order.delivered', 'order.closed']);
  });

  it('sells standard products to a dealer with a direct distribution order', async () => {
    const w = await world();
    const { crm, org } = w;
    const dealer = await crm.accounts.create(org.otherRep, {
      name: '青岛扫描设备经销部',
      kind: 'dealer',
      channel: 'distribution',
    });
    const order = await crm.orders.createDirect(org.otherRep, {
      accountId: dealer.id,
      lines: [
        { sku: 'LS2208', quantity: 50, unitPrice: { amount: 110_000, currency: 'CNY' } },
        { sku: 'CRADLE-01', quantity: 50, unitPrice: { amount: 8_000, currency: 'CNY' } },
      ],
    });
    expect(order).toMatchObject({
      channel: 'distribution',
      opportunityId: null,
      ownerId: org.otherRep.id,
      warrantyMonths: 12,
    });
    expect(order.amount).toEqual({ amount: 50 * 110_000 + 50 * 8_000, currency: 'CNY' });
    await crm.orders.confirm(org.otherRep, order.id);
    const shipped = await crm.orders.ship(org.otherRep, order.id, {
      lines: order.lines.map((l) => ({ lineId: l.id, quantity: l.quantity })),
    });
    expect(shipped.status).toBe('shipped');
    expect(
      (await crm.orders.list(org.otherManager, { accountId: [dealer.id] })).items.map((o) => o.id),
    ).toEqual([order.id]);
    expect((await crm.orders.list(org.manager)).items).toEqual([]);
  });

  it('numbers orders 1, 2, 3… per workspace, deal orders and direct orders alike', async () => {
    const w = await world();
    const other = await world();
    const { crm, org } = w;
    const fromDeal = await crm.orders.createFromOpportunity(org.repA, (await wonDeal(w)).id);
    const dealer = await crm.accounts.create(org.otherRep, { name: '青岛扫描设备经销部', kind: 'dealer' });
    const line = { sku: 'LS2208', quantity: 5, unitPrice: { amount: 110_000, currency: 'CNY' } };
    const direct = await crm.orders.createDirect(org.otherRep, { accountId: dealer.id, lines: [line] });
    const later = await crm.orders.createFromOpportunity(org.repA, (await wonDeal(w, '济南华信系统集成')).id);
    expect([fromDeal.number, direct.number, later.number]).toEqual([
      'SO-2026-000001',
      'SO-2026-000002',
      'SO-2026-000003',
    ]);
    // Another workspace on the same storage starts at 1 of its own.
    const first = await other.crm.orders.createFromOpportunity(other.org.repA, (await wonDeal(other)).id);
    expect(first.number).toBe('SO-2026-000001');
  });

  it('lists orders by status, account and deal within what the actor may see', async () => {
    const w = await world();
    const { crm, org } = w;
    const { deal, order } = await shippedOrder(w);
    expect((await crm.orders.list(org.repA, { status: ['shipped'] })).items.map((o) => o.id)).toEqual([
      order.id,
    ]);
    expect((await crm.orders.list(org.repA, { status: ['draft'] })).items).toEqual([]);
    expect((await crm.orders.list(org.manager, { opportunityId: [deal.id] })).items.map((o) => o.id)).toEqual(
      [order.id],
    );
    expect((await crm.orders.list(org.repB, { opportunityId: [deal.id] })).items).toEqual([]);
  });
}
