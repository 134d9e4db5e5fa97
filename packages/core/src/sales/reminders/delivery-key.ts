import type { Reminder } from './stored-reminder.js';

/**
 * What a dispatcher hands the handler beside the reminder.
 *
 * - `idempotencyKey` is the same for every delivery of one occurrence of the reminder (tenant,
 *   reminder, owner, due time), whichever dispatcher makes it and however often it is retried, and
 *   differs for a new occurrence (a rescheduled follow-up, a new owner). A receiver that records
 *   the keys it has acted on and skips a key it has seen turns "at least once" into "exactly once".
 * - `fence` is the claim's number: strictly greater for every later claim of the same reminder. A
 *   receiver that keeps the highest fence per key may refuse a delivery with a lower one — it comes
 *   from a dispatcher whose lease was taken over.
 */
export interface DeliveryContext {
  fence: number;
  idempotencyKey: string;
}

const occurrence = (r: Reminder) => `${r.tenantId}:${r.id}:${r.userId}:${r.dueAt}`;

/** The idempotency key of delivering a reminder to its owner. */
export const reminderDeliveryKey = (r: Reminder): string => `reminder:${occurrence(r)}`;

/** The idempotency key of escalating a reminder to the managers above its owner. */
export const escalationDeliveryKey = (r: Reminder): string => `escalation:${occurrence(r)}`;
