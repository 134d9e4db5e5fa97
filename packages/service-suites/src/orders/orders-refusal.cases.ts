import { expect, it } from 'vitest';
import { type ServiceWorld, storyLead } from '../support/harness.js';
import {
  deliveredOrder,
  expectInvalidField,
  expectRefusedBecause,
  lineOf,
  refusal,
  scannerSerials,
  shippedOrder,
  wonDeal,
} from './order-fixtures.js';

/** Every refusal names its code and a reason a salesperson can act on. */
export function orderRefusalCases(world: () => Promise<ServiceWorld>): void {
  it('refuses orders for deals that are not won or already have one', async () => {
    const w = await world();
    const { crm, org } = w;
    const lead = await crm.leads.capture(org.repA, storyLead({ company: '潍坊某物流公司' }));
    await crm.leads.quote(org.repA, lead.id, {
      sku: 'LS2208',
      quantity: 20,
      unitPrice: { amount: 120_000, currency: 'CNY' },
      validUntil: '2026-04-30',
    });
    const { opportunity } = await crm.leads.convert(org.repA, lead.id);
    await expectRefusedBecause(
      crm.orders.createFromOpportunity(org.repA, opportunity.id),
      'the deal is qualification; only a won deal becomes an order',
    );
    const deal = await wonDeal(w);
    await crm.orders.createFromOpportunity(org.repA, deal.id);
    const dup = await refusal(crm.orders.createFromOpportunity(org.repA, deal.id), 'CONFLICT');
    expect(dup.message).toMatch(/already has order SO-2026-/);
  });

  it('refuses shipping before confirmation, over-shipping, bad serial counts and duplicate serials', async () => {
    const w = await world();
    const { crm, org } = w;
    const deal = await wonDeal(w);
    const order = await crm.orders.createFromOpportunity(org.repA, deal.id);
    const scanners = lineOf(order, 'LS2208').id;
    const server = lineOf(order, 'SRV-R740').id;
    await expectRefusedBecause(
      crm.orders.ship(org.repA, order.id, { lines: [{ lineId: scanners, quantity: 1 }] }),
      'the order must be confirmed first',
    );
    await crm.orders.confirm(org.repA, order.id);
    await expectRefusedBecause(
      crm.orders.ship(org.repA, order.id, { lines: [{ lineId: scanners, quantity: 202 }] }),
      'more would be shipped than the order holds',
    );
    // In total still under the order, but too many on one line.
    await expectRefusedBecause(
      crm.orders.ship(org.repA, order.id, {
        lines: [
          { lineId: server, quantity: 2 },
          { lineId: scanners, quantity: 10 },
        ],
      }),
      'line SRV-R740 has 1 of 1 left to ship; 2 requested',
    );
    await expectInvalidField(
      crm.orders.ship(org.repA, order.id, {
        lines: [{ lineId: scanners, quantity: 3, serials: ['LS-1', 'LS-2'] }],
      }),
      'lines.0.serials',
    );
    await expectInvalidField(
      crm.orders.ship(org.repA, order.id, { lines: [{ lineId: 'oline_404', quantity: 1 }] }),
      'lines.0.lineId',
    );
    await expectInvalidField(
      crm.orders.ship(org.repA, order.id, { lines: [{ lineId: scanners, quantity: 0 }] }),
      'lines.0.quantity',
    );
    await expectInvalidField(crm.orders.ship(org.repA, order.id, { lines: [] }), 'lines');
    await refusal(
      crm.orders.ship(org.repA, order.id, {
        lines: [{ lineId: scanners, quantity: 2, serials: ['LS-1', 'LS-1'] }],
      }),
      'CONFLICT',
    );
    await crm.orders.ship(org.repA, order.id, {
      lines: [{ lineId: scanners, quantity: 2, serials: scannerSerials(1, 2) }],
    });
    const dup = await refusal(
      crm.orders.ship(org.repA, order.id, { lines: [{ lineId: scanners, quantity: 1, serials: ['LS-2'] }] }),
      'CONFLICT',
    );
    expect(dup.message).toBe('serial LS-2 is already on this order (line LS2208)');
    // A refused shipment leaves nothing behind.
    expect(lineOf(await crm.orders.get(org.repA, order.id), 'LS2208').shippedQuantity).toBe(2);
  });

  it('refuses delivery before everything shipped and cancellation after delivery', async () => {
    const w = await world();
    const { crm, org } = w;
    const deal = await wonDeal(w);
    const order = await crm.orders.createFromOpportunity(org.repA, deal.id);
    await crm.orders.confirm(org.repA, order.id);
    await expectRefusedBecause(
      crm.orders.deliver(org.repA, order.id),
      'nothing on the order has shipped yet',
    );
    await crm.orders.ship(org.repA, order.id, {
      lines: [{ lineId: lineOf(order, 'LS2208').id, quantity: 10 }],
    });
    await expectRefusedBecause(
      crm.orders.deliver(org.repA, order.id),
      'only part of the order has shipped; ship the rest first',
    );
    await expectRefusedBecause(
      crm.orders.close(org.repA, order.id),
      'the order can only be closed after it is delivered',
    );
  });

  it("refuses cancelling a delivered order with the machine's reason", async () => {
    const w = await world();
    const { crm, org } = w;
    const { order } = await deliveredOrder(w);
    await expectRefusedBecause(
      crm.orders.cancel(org.repA, order.id, { reason: '客户取消' }),
      'the order was delivered; open a service case or a return instead',
    );
    const draft = await crm.orders.createFromOpportunity(org.repA, (await wonDeal(w, '济南某仓储公司')).id);
    const cancelled = await crm.orders.cancel(org.repA, draft.id, { reason: '客户预算取消' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '客户预算取消' });
    await expectRefusedBecause(crm.orders.confirm(org.repA, draft.id), 'the order was cancelled');
  });

  it('refuses after-sales service on an undelivered order and unknown lines or serials', async () => {
    const w = await world();
    const { crm, org } = w;
    const { order } = await shippedOrder(w);
    await expectRefusedBecause(
      crm.serviceCases.open(org.repA, { orderId: order.id, kind: 'repair', summary: '坏了' }),
      `order ${order.number} has not been delivered yet; after-sales service starts on delivery`,
    );
    await crm.orders.deliver(org.repA, order.id);
    await expectInvalidField(
      crm.serviceCases.open(org.repA, { orderId: order.id, serial: 'XX-9', kind: 'repair', summary: '坏了' }),
      'serial',
    );
    await expectInvalidField(
      crm.serviceCases.open(org.repA, {
        orderId: order.id,
        orderLineId: 'oline_404',
        kind: 'repair',
        summary: '坏了',
      }),
      'orderLineId',
    );
    await expectInvalidField(
      crm.serviceCases.open(org.repA, { orderId: order.id, kind: 'repair', summary: ' ' }),
      'summary',
    );
    await expectInvalidField(crm.orders.cancel(org.repA, order.id, { reason: '' }), 'reason');
  });
}
