import { type CalendarDate, type Instant, maxInstant } from '../../kernel/time.js';
import type { DesiredReminder } from '../reminders/desired-reminder.js';
import { addLocalMonths, atLocalTime, shiftCalendarDate } from '../reminders/local-time.js';
import {
  type ReminderChannel,
  type ReminderConfig,
  resolveRuleSettings,
} from '../reminders/reminder-config.js';
import { type ReminderDraft, toDesiredReminder } from '../reminders/reminder-draft.js';

/** The order's phase as the rules need it; the service maps finer domain statuses onto `open`. */
export type OrderFactStatus = 'open' | 'delivered' | 'closed' | 'cancelled';

/**
 * What the delivery and after-sales rules read: a plain object the service builds from the stored
 * record (the rules never see a record, so they stay pure).
 */
export interface OrderReminderFacts {
  id: string;
  ownerId: string;
  channel: ReminderChannel;
  status: OrderFactStatus;
  /** The delivery date promised to the customer; null while not agreed. */
  promisedDelivery: CalendarDate | null;
  /** When delivery completed; null while undelivered. */
  deliveredAt: Instant | null;
  /** The latest completed after-sales service visit; null when none yet. */
  lastServiceVisitAt: Instant | null;
  /** The customer's name as the salesperson knows it. */
  label: string;
}

/**
 * Orders carry two reminders: an approaching promised delivery while undelivered, and — for
 * channels with after-sales service — the next periodic service visit once delivered. Closed and
 * cancelled orders need neither.
 */
export function remindersForOrder(facts: OrderReminderFacts, config: ReminderConfig): DesiredReminder[] {
  if (facts.status === 'closed' || facts.status === 'cancelled') return [];
  const settings = resolveRuleSettings(config, facts.channel);
  const drafts: ReminderDraft[] = [];

  if (facts.status === 'open' && facts.deliveredAt === null && facts.promisedDelivery !== null) {
    drafts.push({
      kind: 'order_delivery_approaching',
      subjectId: facts.id,
      userId: facts.ownerId,
      label: facts.label,
      dueAt: atLocalTime(
        shiftCalendarDate(facts.promisedDelivery, -settings.deliveryNoticeDays),
        settings.noticeTime,
        settings.timeZone,
      ),
      promisedDelivery: facts.promisedDelivery,
    });
  }

  if (facts.status === 'delivered' && facts.deliveredAt !== null && settings.afterSalesVisitEnabled) {
    // Only the next visit exists at a time; logging a visit moves it M months on from that visit.
    const lastServedAt =
      facts.lastServiceVisitAt === null
        ? facts.deliveredAt
        : maxInstant(facts.deliveredAt, facts.lastServiceVisitAt);
    drafts.push({
      kind: 'after_sales_visit',
      subjectId: facts.id,
      userId: facts.ownerId,
      label: facts.label,
      // Months are counted on the local calendar date, so a delivery at 00:30 Shanghai on the 31st
      // counts from the 31st (not the UTC 30th) and lands on the month's last day when shorter.
      dueAt: atLocalTime(
        addLocalMonths(lastServedAt, settings.afterSalesVisitMonths, settings.timeZone),
        settings.noticeTime,
        settings.timeZone,
      ),
      lastServedAt,
      serviceVisitBefore: lastServedAt !== facts.deliveredAt,
    });
  }

  return drafts.map((d) => toDesiredReminder(d, settings));
}
