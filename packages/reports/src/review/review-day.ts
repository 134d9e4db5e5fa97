import type {
  Activity,
  CommandContext,
  HistoryEvent,
  Instant,
  Lead,
  QuoteEntry,
  Reminder,
  ReminderKind,
  UserDue,
} from '@gongfu/core';
import { ENTITY, hiddenRecord, regardingLabel, reminderMessage } from '@gongfu/core';
import { askTogether } from '../shared/ask-together.js';
import { loadVisible, type Visibility } from '../shared/visible.js';
import { peopleWithSections } from './people.js';
import type { PersonReview, ReviewQuote, ReviewReminder } from './review-types.js';

/** Events one review reads at most; a day with more is marked truncated. */
export const REVIEW_EVENT_LIMIT = 5000;

const ACTIVITY_EVENTS = new Set(['activity.completed', 'activity.logged']);
const STAGE_EVENTS = new Set([
  'opportunity.stage_changed',
  'opportunity.won',
  'opportunity.lost',
  'opportunity.reopened',
]);
const COST_EVENTS = new Set(['cost.recorded', 'cost.corrected']);

/** Which due reminders the morning review lists, and where; a new kind must be placed here. */
const REMINDER_SECTION: Record<ReminderKind, 'followUp' | 'stale' | null> = {
  lead_follow_up: 'followUp',
  quote_expiring: 'followUp',
  demo_unit_due_back: 'followUp',
  order_delivery_approaching: 'followUp',
  after_sales_visit: 'followUp',
  stale_opportunity: 'stale',
  // Not overdue: it announces an appointment still to come.
  upcoming_activity: null,
  // The manager's own reminder; the review lists the conflict itself, with both prices.
  quote_conflict: null,
};

/** The kinds listed under each section, read and counted per person apart (`reminders.dueByUser`). */
export const FOLLOW_UP_KINDS = kindsOf('followUp');
export const STALE_KINDS = kindsOf('stale');

function kindsOf(section: 'followUp' | 'stale'): ReminderKind[] {
  return (Object.keys(REMINDER_SECTION) as ReminderKind[]).filter((k) => REMINDER_SECTION[k] === section);
}

const ids = (events: readonly HistoryEvent[], type: string) => [
  ...new Set(events.filter((e) => e.entityType === type).map((e) => e.entityId)),
];

/**
 * Per person: the reviewed day's history turned into what a manager reads — and, as of the end of
 * that day, the follow-ups they owe and the deals gone stale. Records are loaded as they are now
 * (an order's current number, a lead's company); moves come from the events themselves.
 */
export async function reviewDay(
  ctx: CommandContext,
  people: readonly string[],
  events: readonly HistoryEvent[],
  due: readonly UserDue[],
  range: { from: Instant; to: Instant },
  visibility: Visibility = 'scoped',
): Promise<PersonReview[]> {
  // Only records the reviewer may open are named; the rest say "a deal you cannot open (id)".
  // Each kind is one statement with the reviewer's scope applied in the database; the kinds are
  // asked for together (one round trip on PostgreSQL), and so are the quotes of the quoted leads.
  const quoted = [...new Set(events.filter((e) => e.event === 'lead.quoted').map((e) => e.entityId))];
  const [leads, deals, activities, orders, costs, quotes] = await askTogether([
    loadVisible(ctx, ENTITY.lead, ids(events, 'lead'), visibility),
    loadVisible(ctx, ENTITY.opportunity, ids(events, 'opportunity'), visibility),
    loadVisible(ctx, ENTITY.activity, ids(events, 'activity'), visibility),
    loadVisible(ctx, ENTITY.order, ids(events, 'order'), visibility),
    loadVisible(ctx, ENTITY.cost, ids(events, 'cost'), visibility),
    // Read for every quoted lead; only those of a lead the reviewer may open are kept (`addQuotes`).
    askTogether(quoted.map((leadId) => ctx.tx.quotes.list({ leadId }, 500))),
  ]);
  const [linked, linkedDeals, parties] = await askTogether([
    loadVisible(
      ctx,
      ENTITY.lead,
      [...activities.values()].flatMap((a) => a.leadId ?? []),
      visibility,
    ),
    loadVisible(
      ctx,
      ENTITY.opportunity,
      [...activities.values()].flatMap((a) => a.opportunityId ?? []),
      visibility,
    ),
    partyLabels(ctx, [...activities.values()]),
  ]);

  const sections = new Map<string, PersonReview>();
  for (const id of peopleWithSections(ctx, people, events))
    sections.set(id, emptyReview(id, ctx.userName(id)));

  for (const e of events) {
    const s = sections.get(e.actorId);
    if (!s) continue;
    if (ACTIVITY_EVENTS.has(e.event)) {
      const a = activities.get(e.entityId);
      if (!a) continue;
      // A contact, order or case is named itself (or by kind and id); others by their deal or lead.
      const regarding = parties.has(a.id)
        ? (parties.get(a.id) ?? null)
        : a.opportunityId
          ? (linkedDeals.get(a.opportunityId)?.name ?? ctx.say(hiddenRecord('opportunity', a.opportunityId)))
          : a.leadId
            ? (linked.get(a.leadId)?.company ?? ctx.say(hiddenRecord('lead', a.leadId)))
            : null;
      s.activities.push({
        // When the visit or call took place, not when it was ticked off.
        at: a.startAt,
        activityId: a.id,
        kind: a.kind,
        subject: a.subject,
        regarding,
        outcome: a.outcome,
      });
    } else if (STAGE_EVENTS.has(e.event)) {
      const stage = e.changes.stage;
      s.stageMoves.push({
        at: e.at,
        opportunityId: e.entityId,
        name: deals.get(e.entityId)?.name ?? ctx.say(hiddenRecord('opportunity', e.entityId)),
        from: stage ? String(stage.from) : null,
        to: stage ? String(stage.to) : null,
        event: e.event,
      });
    } else if (e.event === 'lead.captured') {
      const lead = leads.get(e.entityId);
      s.newLeads.push({
        at: e.at,
        id: e.entityId,
        label: lead?.company ?? ctx.say(hiddenRecord('lead', e.entityId)),
        event: e.event,
        amount: null,
        source: lead?.source ?? null,
      });
    } else if (e.event === 'opportunity.created') {
      const deal = deals.get(e.entityId);
      s.newOpportunities.push({
        at: e.at,
        id: e.entityId,
        label: deal?.name ?? ctx.say(hiddenRecord('opportunity', e.entityId)),
        event: e.event,
        amount: deal?.amount ?? null,
      });
    } else if (e.entityType === 'order') {
      const order = orders.get(e.entityId);
      s.orders.push({
        at: e.at,
        id: e.entityId,
        label: order?.number ?? ctx.say(hiddenRecord('order', e.entityId)),
        event: e.event,
        amount: order?.amount ?? null,
      });
    } else if (COST_EVENTS.has(e.event)) {
      const cost = costs.get(e.entityId);
      s.costs.push({
        at: e.at,
        id: e.entityId,
        label: cost ? (cost.description ?? cost.category) : ctx.say(hiddenRecord('cost', e.entityId)),
        event: e.event,
        amount: cost?.amount ?? null,
        category: cost?.category ?? null,
      });
    }
  }
  addQuotes(sections, new Map(quoted.map((leadId, i) => [leadId, quotes[i] ?? []])), leads, range);
  // The groups are asked for in this order: [FOLLOW_UP_KINDS, STALE_KINDS].
  for (const { userId, groups } of due) {
    const s = sections.get(userId);
    const [followUps, stale] = groups;
    if (!s || !followUps || !stale) continue;
    s.overdueFollowUps = followUps.items.map(toReviewReminder);
    s.moreOverdueFollowUps = followUps.more;
    s.staleDeals = stale.items.map(toReviewReminder);
    s.moreStaleDeals = stale.more;
  }
  return [...sections.values()].sort(
    (a, b) => byName.compare(a.name, b.name) || (a.userId < b.userId ? -1 : 1),
  );
}

/** People in the order a Chinese reader expects (pinyin), whatever order the org chart holds them in. */
const byName = new Intl.Collator('zh-Hans-CN');

/**
 * A contact, order or case an activity is about is named itself (or by kind and id), each read
 * asked for together; activities about a deal or lead are named from the records read with them.
 */
async function partyLabels(
  ctx: CommandContext,
  activities: readonly Activity[],
): Promise<Map<string, string | null>> {
  const about = activities.flatMap((a) =>
    (a.contactId || a.orderId) && a.regarding ? [{ id: a.id, party: a.regarding }] : [],
  );
  const labels = await askTogether(about.map((a) => regardingLabel(ctx, ctx.actor.id, a.party)));
  return new Map(about.map((a, i) => [a.id, labels[i] ?? null]));
}

/** Quotes live in their own ledger; a `lead.quoted` event says which leads they were read for. */
function addQuotes(
  sections: Map<string, PersonReview>,
  quotesByLead: ReadonlyMap<string, readonly QuoteEntry[]>,
  leads: ReadonlyMap<string, Lead>,
  range: { from: Instant; to: Instant },
): void {
  for (const [leadId, quotes] of quotesByLead) {
    // A price on a lead the reviewer may not open is not theirs to read.
    if (!leads.has(leadId)) continue;
    for (const q of quotes) {
      const s = sections.get(q.quotedBy);
      if (!s || q.quotedAt < range.from || q.quotedAt >= range.to) continue;
      const quote: ReviewQuote = {
        at: q.quotedAt,
        quoteId: q.id,
        leadId: q.leadId,
        company: leads.get(leadId)?.company ?? null,
        sku: q.sku,
        quantity: q.quantity,
        unitPrice: q.unitPrice,
      };
      s.quotes.push(quote);
    }
  }
  for (const s of sections.values()) s.quotes.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

function toReviewReminder(r: Reminder): ReviewReminder {
  return {
    reminderId: r.id,
    kind: r.kind as ReminderKind,
    dueAt: r.dueAt,
    message: r.message,
    detail: reminderMessage(r),
    subjectType: r.subjectType,
    subjectId: r.subjectId,
  };
}

function emptyReview(userId: string, name: string): PersonReview {
  return {
    userId,
    name,
    activities: [],
    stageMoves: [],
    newLeads: [],
    newOpportunities: [],
    quotes: [],
    orders: [],
    costs: [],
    overdueFollowUps: [],
    moreOverdueFollowUps: 0,
    staleDeals: [],
    moreStaleDeals: 0,
  };
}
