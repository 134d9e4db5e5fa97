import { ConflictError, fieldIssue, InvalidTransitionError, ValidationError } from '../../kernel/errors.js';
import { type Money, sumLineAmounts } from '../../kernel/money.js';
import type { IdGenerator } from '../../kernel/ports.js';
import type { Instant } from '../../kernel/time.js';
import { addLocalMonths } from '../reminders/local-time.js';
import type { Order, OrderLine, Shipment } from './order.js';
import type { OrderFacts } from './order-machine.js';
import { sayOrder } from './order-messages.js';

/** What the order machine's gates see: how much is on the order and how much has shipped. */
export function orderFacts(lines: readonly OrderLine[]): OrderFacts {
  let shippedQuantity = 0;
  let totalQuantity = 0;
  for (const line of lines) {
    shippedQuantity += line.shippedQuantity;
    totalQuantity += line.quantity;
  }
  return { lineCount: lines.length, shippedQuantity, totalQuantity };
}

/** Order lines priced as given (a direct order's input, or a won deal's lines), nothing shipped yet. */
export function newOrderLines(
  ids: IdGenerator,
  inputs: readonly { sku: string; description?: string | null; quantity: number; unitPrice: Money }[],
): OrderLine[] {
  return inputs.map((l) => ({
    id: ids.next('oline'),
    sku: l.sku,
    description: l.description ?? null,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    shippedQuantity: 0,
    serials: [],
    warrantyUntil: null,
  }));
}

/** The order amount, exact in minor units; a line in another currency is refused by its index. */
export function sumOrderLines(
  lines: readonly { sku: string; quantity: number; unitPrice: Money }[],
  currency: string,
): Money {
  return sumLineAmounts(lines, currency, 'order');
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
        fieldIssue(`lines.${i}.lineId`, sayOrder('order.invalid.noLine', { lineId: item.lineId })),
      ]);
    if (touched.has(line.id)) {
      throw new ValidationError([fieldIssue(`lines.${i}.lineId`, sayOrder('order.invalid.lineTwice'))]);
    }
    touched.add(line.id);
    if (item.serials.length > 0 && item.serials.length !== item.quantity) {
      throw new ValidationError([
        fieldIssue(
          `lines.${i}.serials`,
          sayOrder('order.invalid.serialCount', { serials: item.serials.length, quantity: item.quantity }),
        ),
      ]);
    }
    for (const serial of item.serials) {
      const on = seen.get(serial);
      if (on !== undefined)
        throw new ConflictError('order', sayOrder('order.conflict.serialTwice', { serial, sku: on }));
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
        sayOrder('order.refused.overShip', {
          sku: line.sku,
          remaining,
          quantity: line.quantity,
          requested: item.quantity,
        }),
      );
    }
  }
}

/** Warranty runs from the local delivery date, so a delivery at 00:30 Shanghai counts that day. */
export function withWarranty(order: Order, deliveredAt: Instant, timeZone: string): OrderLine[] {
  const until = addLocalMonths(deliveredAt, order.warrantyMonths, timeZone);
  return order.lines.map((l) => ({ ...l, warrantyUntil: until }));
}
