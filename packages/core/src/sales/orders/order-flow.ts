import { assertDecision } from '../../lifecycle/decision.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { Order, Shipment } from './order.js';
import { applyShipment, assertNoLineOverShipped, orderFacts } from './order-lines.js';
import { decideOrder, type OrderEvent } from './order-machine.js';

/** Run one lifecycle event on the order; the machine decides, the reminders follow. */
export async function moveOrder(
  ctx: CommandContext,
  order: Order,
  event: OrderEvent,
  name: string,
  changes: Partial<Order> = {},
): Promise<Order> {
  const decision = assertDecision(decideOrder(order.status, orderFacts(changes.lines ?? order.lines), event));
  return ctx.transition(ENTITY.order, order, decision, {
    event: name,
    changes,
    meta: { from: order.status, to: decision.to },
  });
}

/** Apply one shipment: the machine judges the whole order, then each line is checked on its own. */
export async function recordShipment(ctx: CommandContext, order: Order, shipment: Shipment): Promise<Order> {
  const lines = applyShipment(order, shipment);
  const decision = decideOrder(order.status, orderFacts(lines), { type: 'SHIP' });
  // The state decides first, so a draft order says "confirm first" rather than blaming a line.
  if (decision.ok) assertNoLineOverShipped(order, shipment);
  const accepted = assertDecision(decision);
  return ctx.transition(ENTITY.order, order, accepted, {
    event: 'order.shipped',
    changes: { lines },
    meta: {
      from: order.status,
      to: accepted.to,
      shipment: shipment.map((l) => ({ lineId: l.lineId, quantity: l.quantity, serials: l.serials })),
    },
  });
}
