import { z } from 'zod';
import { expectedVersionSchema } from '../../domain/common.js';
import { ConflictError, InvalidTransitionError, ValidationError } from '../../kernel/errors.js';
import type { Money } from '../../kernel/money.js';
import { type Instant, instantSchema } from '../../kernel/time.js';
import { assertDecision } from '../../lifecycle/decision.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import { addLocalMonths } from '../reminders/local-time.js';
import type { Order, OrderLine, orderLineInput, shipInput } from './order.js';
import { decideOrder, type OrderEvent, type OrderFacts } from './order-machine.js';

export const deliverInput = z
  .object({ deliveredAt: instantSchema.optional(), expectedVersion: expectedVersionSchema })
  .default({});
/** What one shipment records, after parsing. */
export type Shipment = z.output<typeof shipInput>['lines'];

export const versionInput = z.object({ expectedVersion: expectedVersionSchema }).default({});

export function orderFacts(lines: readonly OrderLine[]): OrderFacts {
  let shippedQuantity = 0;
  let totalQuantity = 0;
  for (const line of lines) {
    shippedQuantity += line.shippedQuantity;
    totalQuantity += line.quantity;
  }
  return { lineCount: lines.length, shippedQuantity, totalQuantity };
}

/** Direct-order lines, priced as given, nothing shipped yet. */
export function newOrderLines(
  ctx: CommandContext,
  inputs: readonly z.output<typeof orderLineInput>[],
): OrderLine[] {
  return inputs.map((l) => ({
    id: ctx.newId('oline'),
    sku: l.sku,
    description: l.description ?? null,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    shippedQuantity: 0,
    serials: [],
    warrantyUntil: null,
  }));
}

export function sumOrderLines(
  lines: readonly { sku: string; quantity: number; unitPrice: Money }[],
  currency: string,
): Money {
  let amount = 0;
  lines.forEach((line, i) => {
    if (line.unitPrice.currency !== currency) {
      throw new ValidationError([
        {
          field: `lines.${i}.unitPrice.currency`,
          message: `line ${line.sku} is in ${line.unitPrice.currency}, the order in ${currency}`,
        },
      ]);
    }
    amount += line.unitPrice.amount * line.quantity;
  });
  return { amount, currency };
}

/**
 * The order's lines with one shipment applied. Input mistakes (unknown line, wrong serial count)
 * are validation errors; a serial already on the order is a uniqueness conflict, because after-sales
 * service finds a unit by its serial.
 */
export function applyShipment(order: Order, shipment: Shipment): OrderLine[] {
  const seen = new Map<string, string>();
  for (const line of order.lines) for (const s of line.serials) seen.set(s, line.sku);
  const lines = order.lines.map((l) => ({ ...l, serials: [...l.serials] }));
  const touched = new Set<string>();
  shipment.forEach((item, i) => {
    const line = lines.find((l) => l.id === item.lineId);
    if (!line)
      throw new ValidationError([
        { field: `lines.${i}.lineId`, message: `no line ${item.lineId} on this order` },
      ]);
    if (touched.has(line.id)) {
      throw new ValidationError([
        { field: `lines.${i}.lineId`, message: 'the same line appears twice in one shipment' },
      ]);
    }
    touched.add(line.id);
    if (item.serials.length > 0 && item.serials.length !== item.quantity) {
      throw new ValidationError([
        {
          field: `lines.${i}.serials`,
          message: `${item.serials.length} serials given for ${item.quantity} units`,
        },
      ]);
    }
    for (const serial of item.serials) {
      const on = seen.get(serial);
      if (on !== undefined)
        throw new ConflictError('order', `serial ${serial} is already on this order (line ${on})`);
      seen.set(serial, line.sku);
    }
    line.shippedQuantity += item.quantity;
    line.serials.push(...item.serials);
  });
  return lines;
}

/** Over-shipping is judged per line: another line's shortfall must not hide it. */
export function assertNoLineOverShipped(order: Order, shipment: Shipment): void {
  for (const item of shipment) {
    const line = order.lines.find((l) => l.id === item.lineId);
    if (!line) continue;
    const remaining = line.quantity - line.shippedQuantity;
    if (item.quantity > remaining) {
      throw new InvalidTransitionError(
        order.status,
        'SHIP',
        `line ${line.sku} has ${remaining} of ${line.quantity} left to ship; ${item.quantity} requested`,
      );
    }
  }
}

/** Warranty runs from the local delivery date, so a delivery at 00:30 Shanghai counts that day. */
export function withWarranty(order: Order, deliveredAt: Instant, timeZone: string): OrderLine[] {
  const until = addLocalMonths(deliveredAt, order.warrantyMonths, timeZone);
  return order.lines.map((l) => ({ ...l, warrantyUntil: until }));
}

/** Run one lifecycle event on the order; the machine decides, the reminders follow. */
export async function moveOrder(
  ctx: CommandContext,
  order: Order,
  event: OrderEvent,
  name: string,
  changes: Partial<Order> = {},
) {
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
