import type {
  ActivityKind,
  CalendarDate,
  ContactOutcome,
  CostCategory,
  Instant,
  LeadSource,
  Message,
  Money,
  ReminderKind,
} from '@gongfu/core';
import type { AttainmentRow } from '../quotas/quota-attainment.js';
import type { QuoteConflict } from '../quotes/quote-conflicts.js';

export interface ReviewActivity {
  at: Instant;
  activityId: string;
  kind: ActivityKind;
  subject: string;
  /**
   * What the activity was about: the contact's name, the order's number or the case's summary,
   * else the deal's name or the lead's company (kind and id when the reader may not open it).
   */
  regarding: string | null;
  /** Who was met, their opinion, what they asked for, the next step. */
  outcome: ContactOutcome | null;
}

export interface ReviewStageMove {
  at: Instant;
  opportunityId: string;
  name: string;
  from: string | null;
  to: string | null;
  event: string;
}

export interface ReviewRecord {
  at: Instant;
  id: string;
  /** A company, a deal name, an order number or a cost category, as a person reads it. */
  label: string;
  event: string;
  amount: Money | null;
}

export interface ReviewQuote {
  at: Instant;
  quoteId: string;
  leadId: string | null;
  company: string | null;
  sku: string;
  quantity: number;
  unitPrice: Money;
}

export interface ReviewReminder {
  reminderId: string;
  kind: ReminderKind;
  dueAt: Instant;
  /** What the reminder says, in the locale of the `crm` the review was asked of. */
  message: string;
  /** The same as a key with parameters. */
  detail: Message;
  subjectType: string;
  subjectId: string;
}

/** What one salesperson did on the reviewed day, and what is hanging over them this morning. */
export interface PersonReview {
  userId: string;
  name: string;
  activities: ReviewActivity[];
  stageMoves: ReviewStageMove[];
  newLeads: (ReviewRecord & { source: LeadSource | null })[];
  newOpportunities: ReviewRecord[];
  quotes: ReviewQuote[];
  orders: ReviewRecord[];
  costs: (ReviewRecord & { category: CostCategory | null })[];
  /**
   * Follow-ups due by the morning and not acknowledged (stale deals listed apart): the oldest
   * `remindersPerPerson` of them, and how many more there are, counted up to 99 (99: "99+").
   */
  overdueFollowUps: ReviewReminder[];
  moreOverdueFollowUps: number;
  /** Deals gone stale by the morning: the oldest `remindersPerPerson`, and how many more (up to 99). */
  staleDeals: ReviewReminder[];
  moreStaleDeals: number;
}

export interface DuplicateAlert {
  score: number;
  a: { id: string; name: string; ownerId: string; ownerName: string };
  b: { id: string; name: string; ownerId: string; ownerName: string };
  explanation: string;
}

export interface MorningReview {
  reviewer: { id: string; name: string };
  /** The morning the review is held, and the local day it looks back on (the day before). */
  reviewDate: CalendarDate;
  reviewedDay: CalendarDate;
  timeZone: string;
  /** [from, to): the reviewed day's local midnight to the next. */
  from: Instant;
  to: Instant;
  people: PersonReview[];
  duplicateAlerts: DuplicateAlert[];
  /**
   * Two of the reviewer's people quoted one customer (or one end customer) different prices for one
   * product, the later quote on the reviewed day. Only a manager over both sees these.
   */
  quoteConflicts: QuoteConflict[];
  /** Quota attainment for the quarter of the reviewed day, for the quotas the reviewer may see. */
  quotas: AttainmentRow[];
  /** True when the day had more events than one review reads (the oldest are shown). */
  truncated: boolean;
}
