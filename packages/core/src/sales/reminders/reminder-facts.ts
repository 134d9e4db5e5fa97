import type { CalendarDate, Instant } from '../../kernel/time.js';
import type { ReminderChannel } from './reminder-config.js';

/**
 * The small plain objects the service hands to the rules — never a stored record — so the rules
 * stay pure and the service decides how a domain record maps onto what a reminder needs.
 * `label` is always the name a salesperson knows the subject by (usually the company).
 */

export type LeadFactStatus = 'new' | 'working' | 'qualified' | 'nurture' | 'converted' | 'disqualified';

export interface LeadReminderFacts {
  id: string;
  ownerId: string;
  channel: ReminderChannel;
  status: LeadFactStatus;
  /** Company name, e.g. 山东恒通系统集成有限公司. */
  label: string;
  receivedAt: Instant;
  /** Latest customer-facing contact (call, visit, email, quote); null when none since capture. */
  lastCustomerContactAt: Instant | null;
  /** The most recent quote given, or null when none was given. */
  latestQuote: { validUntil: CalendarDate } | null;
}

export interface OpportunityReminderFacts {
  id: string;
  ownerId: string;
  channel: ReminderChannel;
  /** Stage id from the pipeline template, e.g. `solution`. */
  stage: string;
  /** False once the opportunity is won or lost (a terminal stage). */
  stageOpen: boolean;
  /** The pipeline template's staleness limit for this stage; null = never stale. Config may override. */
  staleAfterDays: number | null;
  stageEnteredAt: Instant;
  label: string;
}

export type ActivityFactStatus = 'scheduled' | 'completed' | 'cancelled';

export interface ActivityReminderFacts {
  id: string;
  ownerId: string;
  status: ActivityFactStatus;
  /** What kind of appointment, in words for the message: `visit`, `call`, `demo`… */
  kind: string;
  startAt: Instant;
  /** Who the appointment is with. */
  label: string;
}

/** The order's phase as the rules need it; the service maps finer domain statuses onto `open`. */
export type OrderFactStatus = 'open' | 'delivered' | 'closed' | 'cancelled';

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
  label: string;
}

export interface DemoLoanReminderFacts {
  id: string;
  ownerId: string;
  /** Serial number of the lent unit, so the salesperson knows which one to fetch. */
  serial: string;
  dueBack: CalendarDate;
  /** When the unit came back; null while it is still with the customer. */
  returnedAt: Instant | null;
  /** Who has the unit. */
  label: string;
}
