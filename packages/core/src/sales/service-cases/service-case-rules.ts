import type { z } from 'zod';
import { fieldIssue, InvalidTransitionError, ValidationError } from '../../kernel/errors.js';
import type { CalendarDate } from '../../kernel/time.js';
import type { Order, OrderLine } from '../orders/order.js';
import { localDateOf } from '../reminders/local-time.js';
import type { openServiceCaseInput } from './service-case.js';
import { sayServiceCase } from './service-case-messages.js';

/** After-sales service is for units the customer has: the order must have been delivered. */
export function assertServiceable(order: Order): void {
  if (order.status !== 'delivered' && order.status !== 'closed') {
    throw new InvalidTransitionError(
      order.status,
      'OPEN_SERVICE_CASE',
      sayServiceCase('serviceCase.refused.notDelivered', { number: order.number }),
    );
  }
}

/** The line the case is about: named directly, found by the unit's serial, or none (the whole order). */
export function caseLine(order: Order, data: z.output<typeof openServiceCaseInput>): OrderLine | null {
  const named = data.orderLineId ? order.lines.find((l) => l.id === data.orderLineId) : undefined;
  if (data.orderLineId && !named) {
    throw new ValidationError([
      fieldIssue(
        'orderLineId',
        sayServiceCase('serviceCase.invalid.noLine', { lineId: data.orderLineId, number: order.number }),
      ),
    ]);
  }
  if (!data.serial) return named ?? null;
  const bySerial = order.lines.find((l) => l.serials.includes(data.serial!));
  if (!bySerial)
    throw new ValidationError([
      fieldIssue(
        'serial',
        sayServiceCase('serviceCase.invalid.serialNotShipped', { serial: data.serial, number: order.number }),
      ),
    ]);
  if (named && named.id !== bySerial.id) {
    throw new ValidationError([
      fieldIssue(
        'serial',
        sayServiceCase('serviceCase.invalid.serialOtherLine', {
          serial: data.serial,
          shipped: bySerial.sku,
          named: named.sku,
        }),
      ),
    ]);
  }
  return bySerial;
}

/**
 * Warranty of the unit concerned; for a case about the whole order, the latest warranty on it,
 * since the order is still covered while any of its units is.
 */
export function warrantyFor(order: Order, line: OrderLine | null): CalendarDate | null {
  if (line) return line.warrantyUntil;
  let latest: CalendarDate | null = null;
  for (const l of order.lines)
    if (l.warrantyUntil && (!latest || l.warrantyUntil > latest)) latest = l.warrantyUntil;
  return latest;
}

/** Covered through the last day of the warranty, on the service's calendar. */
export function isUnderWarranty(warrantyUntil: CalendarDate | null, now: string, timeZone: string): boolean {
  return warrantyUntil !== null && localDateOf(now, timeZone) <= warrantyUntil;
}
