import { createHash } from 'node:crypto';
import type { CommandContext } from '../../service/context.js';
import type { Opportunity } from '../opportunities/opportunity.js';
import { syncReminders } from '../reminders/reminder-sync.js';
import { normaliseName } from '../search/search-terms.js';
import type { Lead, QuoteEntry } from './lead.js';
import {
  commonManager,
  pricesConflict,
  type QuoteConflictFacts,
  quoteConflictId,
  quoteConflictReminder,
} from './quote-conflict-rules.js';

/**
 * The newest quotes of the SKU a new quote is compared with: one read, whatever the customer. A
 * SKU quoted more often than this within the window is compared with its newest quotes only.
 */
const RECENT_QUOTES = 500;

/** Whom a quote was for: the deal behind it (for its end customer) and the customer's name. */
export interface QuoteParties {
  deal: Opportunity | null;
  /** The customer as the quote's lead or account names it; null to compare by end customer only. */
  customerName: string | null;
}

/** Whom two conflicting quotes were both for. */
interface SharedParty {
  basis: QuoteConflictFacts['basis'];
  /**
   * Stable for the party: the end customer's account id, or a digest of the customer's normalised
   * name — the key is part of the reminder's subject id, which its reader sees.
   */
  key: string;
}

/**
 * Raises the reminder for the manager above both reps when `quote` conflicts with another rep's
 * price for the same product — to the same end customer through another integrator's deal (named
 * first, being the stronger reason), or to the same customer (by name, spelt alike as search
 * compares names). One reminder per conflict: one already raised (acknowledged or not) is left as
 * it is. Runs in the writing command's transaction and reads everyone's quotes unscoped, as
 * bookkeeping: what it writes goes only to a manager who may see both prices, and its text names
 * no price and no customer: the manager's access to the customer may differ from the reps' and
 * change after it is raised, so the morning review names the customer as its reader may see it. Costs one read when no other rep quoted the SKU differently within the window.
 */
export async function raiseQuoteConflicts(
  ctx: CommandContext,
  quote: QuoteEntry,
  parties: QuoteParties,
): Promise<void> {
  // A rep with nobody above them shares no manager with anyone.
  if (ctx.org.managerOf(quote.quotedBy) === null) return;
  const rivals = (await ctx.tx.quotes.list({ sku: quote.sku }, RECENT_QUOTES)).filter(
    (other) =>
      pricesConflict(other, quote) && commonManager(ctx.org, other.quotedBy, quote.quotedBy) !== null,
  );
  if (rivals.length === 0) return;
  const partyOf = await rivalParties(ctx, rivals);
  for (const other of rivals) {
    const shared = sharedParty(parties, partyOf(other));
    if (!shared) continue;
    const managerId = commonManager(ctx.org, other.quotedBy, quote.quotedBy) as string;
    const subjectId = quoteConflictId(shared.key, quote.sku, other.quotedBy, quote.quotedBy);
    if ((await ctx.tx.reminders.forSubject('quote_conflict', subjectId)).length > 0) continue;
    const [first, second] = other.quotedAt <= quote.quotedAt ? [other, quote] : [quote, other];
    const reminder = quoteConflictReminder(
      {
        subjectId,
        managerId,
        basis: shared.basis,
        firstRepName: ctx.userName(first.quotedBy),
        secondRepName: ctx.userName(second.quotedBy),
        sku: quote.sku,
        at: ctx.now,
      },
      ctx.settings.reminders,
    );
    await syncReminders(ctx, 'quote_conflict', subjectId, [reminder], { fresh: true });
  }
}

/** The end customer both deals are bid for, else the customer both quotes name alike, else none. */
function sharedParty(ours: QuoteParties, theirs: QuoteParties): SharedParty | null {
  const end = ours.deal?.endCustomer;
  if (end?.accountId && end.accountId === theirs.deal?.endCustomer?.accountId)
    return { basis: 'end_customer', key: end.accountId };
  if (ours.customerName === null || theirs.customerName === null) return null;
  const key = normaliseName(ours.customerName);
  if (key === '' || key !== normaliseName(theirs.customerName)) return null;
  return { basis: 'customer', key: `c_${createHash('sha256').update(key).digest('hex').slice(0, 16)}` };
}

/** The parties of each rival quote, read in one round of reads for all of them. */
async function rivalParties(
  ctx: CommandContext,
  rivals: readonly QuoteEntry[],
): Promise<(quote: QuoteEntry) => QuoteParties> {
  const ids = (pick: (q: QuoteEntry) => string | null) => [
    ...new Set(rivals.map(pick).filter((id): id is string => id !== null)),
  ];
  const [leads, deals, accounts] = await Promise.all([
    ctx.tx.leads.getMany(ids((q) => q.leadId)),
    ctx.tx.opportunities.getMany(ids((q) => q.opportunityId)),
    ctx.tx.accounts.getMany(ids((q) => q.accountId)),
  ]);
  const lead = new Map(leads.map((l) => [l.id, l]));
  const deal = new Map(deals.map((d) => [d.id, d]));
  const account = new Map(accounts.map((a) => [a.id, a]));
  return (q) => ({
    deal: (q.opportunityId && deal.get(q.opportunityId)) || null,
    customerName:
      (q.accountId && account.get(q.accountId)?.name) || (q.leadId && lead.get(q.leadId)?.company) || null,
  });
}

/** Each rep's newest quote of each SKU (`quotes` newest first, as the ledger lists them). */
export function newestPerRepAndSku(quotes: readonly QuoteEntry[]): QuoteEntry[] {
  const seen = new Set<string>();
  return quotes.filter((q) => {
    const key = `${q.quotedBy}\u0000${q.sku}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The parties of a quote made on a lead: its deal once converted, its account's name or its company. */
export async function quotePartiesOf(ctx: CommandContext, lead: Lead): Promise<QuoteParties> {
  const [deal, account] = await Promise.all([
    lead.convertedOpportunityId ? ctx.tx.opportunities.get(lead.convertedOpportunityId) : null,
    lead.accountId ? ctx.tx.accounts.get(lead.accountId) : null,
  ]);
  return { deal, customerName: account?.name ?? lead.company };
}
