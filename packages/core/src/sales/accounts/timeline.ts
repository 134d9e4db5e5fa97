import { z } from 'zod';
import { type Page, pageSchema } from '../../domain/common.js';
import type { Instant } from '../../kernel/time.js';
import type { Activity } from '../activities/activity.js';
import type { CostEntry } from '../costs/cost.js';
import type { DemoLoan } from '../demo-loans/demo-loan.js';
import type { Lead, QuoteEntry } from '../leads/lead.js';
import type { EndCustomer, Opportunity } from '../opportunities/opportunity.js';
import type { Order } from '../orders/order.js';
import type { ServiceCase } from '../service-cases/service-case.js';

/** What a customer 360 can show; filter with `kinds`. */
export const TIMELINE_KINDS = [
  'lead',
  'quote',
  'deal',
  'stage_move',
  'order',
  'delivery',
  'service_case',
  'activity',
  'demo_loan',
  'cost',
  'ownership_change',
  'end_customer',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const timelineQuery = pageSchema.extend({
  limit: z.number().int().min(1).max(200).default(50),
  /** Only these kinds (default: all of them). */
  kinds: z
    .union([z.enum(TIMELINE_KINDS), z.array(z.enum(TIMELINE_KINDS)).min(1).max(TIMELINE_KINDS.length)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional(),
});
export type TimelineQuery = z.input<typeof timelineQuery>;

/** Fields every entry has: a stable id, when it happened, and who was behind it (by name too). */
interface EntryBase<K extends TimelineKind> {
  kind: K;
  /** Unique within the timeline and stable across calls: `<kind>:<record id>[:<version>]`. */
  id: string;
  at: Instant;
  /** The user the entry is about (owner, quoter, spender, mover) — kept after they leave. */
  userId: string;
  userName: string;
}

/** A stage move of a deal, including win, loss and reopen. */
export interface StageMove {
  opportunityId: string;
  opportunityName: string;
  from: string;
  to: string;
}

/** The owner of the customer or of one of its deals changed (a transfer, a leaver's hand-over). */
export interface OwnershipChange {
  recordType: 'account' | 'opportunity';
  recordId: string;
  fromUserId: string;
  fromUserName: string;
  toUserId: string;
  toUserName: string;
}

/**
 * A deal bid through an integrator for an end customer: on the integrator's timeline (the deals it
 * bills) and on the end customer's (the deals it is the end customer of), so both 360s show it.
 */
export interface EndCustomerLink {
  opportunityId: string;
  opportunityName: string;
  /** The integrator: the deal's bill-to account. */
  accountId: string;
  accountName: string;
  /** The end customer and its tender, as the deal holds them now. */
  endCustomer: EndCustomer;
  /** The deal's stage now, so the end customer's 360 says which bids are still open. */
  stage: string;
}

/** One line of a customer's story; `kind` tells which record it carries. */
export type TimelineEntry =
  | (EntryBase<'lead'> & { lead: Lead })
  | (EntryBase<'quote'> & { quote: QuoteEntry })
  | (EntryBase<'deal'> & { deal: Opportunity })
  | (EntryBase<'stage_move'> & { move: StageMove })
  | (EntryBase<'order'> & { order: Order })
  | (EntryBase<'delivery'> & { order: Order })
  | (EntryBase<'service_case'> & { serviceCase: ServiceCase })
  | (EntryBase<'activity'> & { activity: Activity })
  | (EntryBase<'demo_loan'> & { demoLoan: DemoLoan })
  | (EntryBase<'cost'> & { cost: CostEntry })
  | (EntryBase<'ownership_change'> & { change: OwnershipChange })
  /** At the link (or the deal's creation with it); the user is who linked it. */
  | (EntryBase<'end_customer'> & { link: EndCustomerLink });

/** Newest first; entries at the same instant by id, descending, so the order never depends on reads. */
export function compareEntries(a: { at: string; id: string }, b: { at: string; id: string }): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? 1 : -1;
}

// The position of an entry: its instant (which never holds a `~`), then its id.
const encodeCursor = (e: { at: string; id: string }) => `${e.at}~${e.id}`;

function decodeCursor(cursor: string): { at: string; id: string } | null {
  const cut = cursor.indexOf('~');
  return cut > 0 ? { at: cursor.slice(0, cut), id: cursor.slice(cut + 1) } : null;
}

/**
 * One page of the ordered entries after `cursor`. The cursor is the position of the last entry
 * shown (not an offset), so entries added meanwhile never shift a page or repeat one.
 */
export function pageTimeline(
  entries: readonly TimelineEntry[],
  page: { limit: number; cursor?: string | undefined },
): Page<TimelineEntry> | null {
  const sorted = [...entries].sort(compareEntries);
  let start = 0;
  if (page.cursor) {
    const after = decodeCursor(page.cursor);
    if (!after) return null;
    start = sorted.findIndex((e) => compareEntries(e, after) > 0);
    if (start === -1) start = sorted.length;
  }
  const items = sorted.slice(start, start + page.limit);
  const last = items.at(-1);
  const more = start + page.limit < sorted.length;
  return { items, nextCursor: more && last ? encodeCursor(last) : null };
}
