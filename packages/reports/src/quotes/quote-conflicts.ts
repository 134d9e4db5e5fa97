import {
  type ActorRef,
  atLocalTime,
  type CalendarDate,
  type CommandContext,
  type Crm,
  ENTITY,
  formatMoney,
  hiddenRecord,
  type Instant,
  type Message,
  type Money,
  type QuoteEntry,
  shiftCalendarDate,
} from '@gongfu/core';
import { parseCompanyName } from '../names/company-name.js';
import { reviewedPeople } from '../review/people.js';
import { askTogether } from '../shared/ask-together.js';
import { parsePeriod, parseTimeZone } from '../shared/period.js';
import { sayReport } from '../shared/report-messages.js';
import { loadVisible, visibleById } from '../shared/visible.js';

export interface QuoteConflictOptions {
  /** First local day of quotes to look at (inclusive). */
  from: CalendarDate;
  /** Last local day (inclusive). */
  to: CalendarDate;
  /** Two quotes conflict only when made within this many days of each other (default 30). */
  windowDays?: number;
  /** The reader's zone; the CRM's zone by default. */
  timeZone?: string;
}

/** One side of a conflict, as the manager reads it. */
export interface ConflictingQuote {
  quoteId: string;
  leadId: string | null;
  quotedBy: string;
  quotedByName: string;
  quotedAt: Instant;
  quantity: number;
  unitPrice: Money;
}

/**
 * Two salespeople quoted one customer — or one end customer through different integrators, the
 * source document's story seen from the price side — different prices for the same product within
 * the window. Only a manager over both sees it (built from their people's quotes); neither rep is
 * shown the other's price.
 */
export interface QuoteConflict {
  basis: 'same_customer' | 'same_end_customer';
  /** The customer or end customer's name as the first quote's record spells it. */
  customer: string;
  sku: string;
  /** Older quote first. */
  quotes: [ConflictingQuote, ConflictingQuote];
  /** (higher − lower) ÷ lower unit price. */
  priceGap: number;
  daysApart: number;
  /** The conflict in words, in the call's language. */
  explanation: string;
  /** The same as a message (key and parameters), for an app that renders it itself. */
  explanationDetail: Message;
}

const DAY_MS = 86_400_000;

interface PlacedQuote extends ConflictingQuote {
  keys: { key: string; basis: QuoteConflict['basis']; name: string }[];
  sku: string;
}

/**
 * Conflicting quotes among the people the reader manages (an administrator: everyone), over the
 * quotes made between `from` and `to`. A salesperson without reports gets none: a conflict always
 * involves someone else's price.
 */
export async function quoteConflicts(
  crm: Crm,
  actor: ActorRef,
  options: QuoteConflictOptions,
): Promise<QuoteConflict[]> {
  const window = conflictWindow(options, crm.timeZone);
  if (window === null) return [];
  return crm.runAs(actor, (ctx) => conflictsIn(ctx, window));
}

/** The options checked: the instants the quotes are read between, and the window. Null: an open period. */
export function conflictWindow(options: QuoteConflictOptions, crmTimeZone: string) {
  const period = parsePeriod(options);
  const windowDays = options.windowDays ?? 30;
  const timeZone = parseTimeZone(options.timeZone, crmTimeZone);
  if (!period.from || !period.to) return null;
  const range = {
    from: atLocalTime(period.from, '00:00', timeZone),
    to: atLocalTime(shiftCalendarDate(period.to, 1), '00:00', timeZone),
  };
  return { range, windowDays };
}

/** `quoteConflicts` inside a transaction the caller holds (the morning review reads it with its day). */
export async function conflictsIn(
  ctx: CommandContext,
  window: { range: { from: Instant; to: Instant }; windowDays: number },
): Promise<QuoteConflict[]> {
  const people = reviewedPeople(ctx).filter((id) => id !== ctx.actor.id);
  if (people.length < 2) return [];
  const quotes = await placedQuotes(ctx, people, window.range);
  return findConflicts(quotes, window.windowDays).map((c) => ({
    ...c,
    explanation: ctx.say(c.explanationDetail),
  }));
}

/**
 * The people's quotes in the range on leads the reader may open (a quote is read through its lead:
 * a lead handed over to someone outside the reader's team takes its prices with it), each with the
 * customer keys it is compared under. A customer the reader cannot open is compared by id and named
 * by kind and id, never by its name; a deal they cannot open gives no end customer.
 */
async function placedQuotes(
  ctx: CommandContext,
  people: readonly string[],
  range: { from: Instant; to: Instant },
) {
  // Only the quote events: a month of a team's history is mostly other things.
  const events = await ctx.tx.history.byActors(people, range, 100_000, ['lead.quoted']);
  const leadIds = [...new Set(events.map((e) => e.entityId))];
  // The leads and their quotes asked for together (one round trip on PostgreSQL); the quotes of a
  // lead the reader may not open are dropped unseen.
  const [leads, quotesByLead] = await askTogether([
    loadVisible(ctx, ENTITY.lead, leadIds),
    askTogether(leadIds.map((leadId) => ctx.tx.quotes.list({ leadId }, 500))),
  ]);
  const mine = new Set(people);
  const quoted: QuoteEntry[] = [];
  leadIds.forEach((leadId, i) => {
    if (!leads.has(leadId)) return;
    for (const q of quotesByLead[i] ?? [])
      if (mine.has(q.quotedBy) && q.quotedAt >= range.from && q.quotedAt < range.to) quoted.push(q);
  });
  const dealIds = [
    ...new Set(
      [...leads.values()].map((l) => l.convertedOpportunityId).concat(quoted.map((q) => q.opportunityId)),
    ),
  ].filter((id): id is string => id !== null);
  const accountOf = (q: QuoteEntry) => q.accountId ?? leads.get(q.leadId ?? '')?.accountId ?? null;
  const accountIds = [...new Set(quoted.map(accountOf))].filter((id): id is string => id !== null);
  const [deals, stored] = await askTogether([
    loadVisible(ctx, ENTITY.opportunity, dealIds),
    ctx.tx.accounts.getMany(accountIds),
  ]);
  const existing = new Set(stored.map((a) => a.id));
  const accounts = await visibleById(ctx, ENTITY.account, stored);
  return quoted.map((q): PlacedQuote => {
    const lead = q.leadId ? leads.get(q.leadId) : undefined;
    const accountId = accountOf(q);
    const keys: PlacedQuote['keys'] = [];
    const account = accountId ? accounts.get(accountId) : undefined;
    if (account) keys.push({ key: `c:${nameKey(account.name)}`, basis: 'same_customer', name: account.name });
    else if (accountId && existing.has(accountId))
      keys.push({
        key: `a:${accountId}`,
        basis: 'same_customer',
        name: ctx.say(hiddenRecord('account', accountId)),
      });
    else if (lead?.company)
      keys.push({ key: `c:${nameKey(lead.company)}`, basis: 'same_customer', name: lead.company });
    const deal = deals.get(q.opportunityId ?? lead?.convertedOpportunityId ?? '');
    if (deal?.endCustomer)
      keys.push({
        key: `e:${nameKey(deal.endCustomer.name)}`,
        basis: 'same_end_customer',
        name: deal.endCustomer.name,
      });
    return {
      quoteId: q.id,
      leadId: q.leadId,
      quotedBy: q.quotedBy,
      quotedByName: ctx.userName(q.quotedBy),
      quotedAt: q.quotedAt,
      quantity: q.quantity,
      unitPrice: q.unitPrice,
      sku: q.sku,
      keys,
    };
  });
}

/** Spelling-insensitive: simplified, half-width, without spaces or punctuation. */
const nameKey = (name: string) => parseCompanyName(name).clean;

function findConflicts(quotes: readonly PlacedQuote[], windowDays: number): QuoteConflict[] {
  const groups = new Map<string, { basis: QuoteConflict['basis']; name: string; quotes: PlacedQuote[] }>();
  for (const q of quotes) {
    for (const k of q.keys) {
      const id = `${k.key}|${q.sku}|${q.unitPrice.currency}`;
      const group = groups.get(id) ?? { basis: k.basis, name: k.name, quotes: [] };
      group.quotes.push(q);
      groups.set(id, group);
    }
  }
  const out = new Map<string, QuoteConflict>();
  for (const group of groups.values()) {
    const sorted = [...group.quotes].sort(
      (a, b) => a.quotedAt.localeCompare(b.quotedAt) || a.quoteId.localeCompare(b.quoteId),
    );
    for (const [i, a] of sorted.entries()) {
      for (const b of sorted.slice(i + 1)) {
        if (a.quotedBy === b.quotedBy || a.unitPrice.amount === b.unitPrice.amount) continue;
        const daysApart = (Date.parse(b.quotedAt) - Date.parse(a.quotedAt)) / DAY_MS;
        if (daysApart > windowDays) continue;
        const pairKey = `${a.quoteId}|${b.quoteId}`;
        // One pair of quotes is one conflict; the end customer is the stronger reason to name.
        if (out.has(pairKey) && group.basis === 'same_customer') continue;
        out.set(pairKey, conflictOf(group, a, b, daysApart));
      }
    }
  }
  return [...out.values()].sort(
    (x, y) => y.priceGap - x.priceGap || x.quotes[0].quotedAt.localeCompare(y.quotes[0].quotedAt),
  );
}

function conflictOf(
  group: { basis: QuoteConflict['basis']; name: string },
  a: PlacedQuote,
  b: PlacedQuote,
  daysApart: number,
): QuoteConflict {
  const lo = Math.min(a.unitPrice.amount, b.unitPrice.amount);
  const hi = Math.max(a.unitPrice.amount, b.unitPrice.amount);
  const priceGap = lo > 0 ? (hi - lo) / lo : Number.POSITIVE_INFINITY;
  const side = (q: PlacedQuote) =>
    sayReport('report.quoteConflict.quote', {
      name: q.quotedByName,
      price: formatMoney(q.unitPrice),
      quantity: q.quantity,
    });
  const explanationDetail = sayReport('report.quoteConflict', {
    first: a.quotedByName,
    second: b.quotedByName,
    basis: group.basis,
    customer: group.name,
    sku: a.sku,
    // Whole days as text: `select` reads "0" as the same day; plural counts the rest.
    days: daysApart < 1 ? '0' : Math.round(daysApart),
    firstQuote: side(a),
    secondQuote: side(b),
  });
  return {
    basis: group.basis,
    customer: group.name,
    sku: a.sku,
    quotes: [strip(a), strip(b)],
    priceGap,
    daysApart,
    // Rendered in the reader's language by `quoteConflicts`, which holds the call's context.
    explanation: '',
    explanationDetail,
  };
}

function strip(q: PlacedQuote): ConflictingQuote {
  const { keys: _k, sku: _s, ...rest } = q;
  return rest;
}
