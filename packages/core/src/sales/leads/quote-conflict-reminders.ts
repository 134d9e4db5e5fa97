import type { CommandContext } from '../../service/context.js';
import { scanAll } from '../../service/scan-all.js';
import type { SearchProbe } from '../../storage/search-term-store.js';
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

/** Quotes of one product read per lead, customer or deal: far more than a window holds. */
const QUOTES_READ = 200;
/** Leads or accounts of one customer name looked at: a name shared by more is no one customer. */
const NAMESAKES = 50;
const EVERYONE = { kind: 'all' } as const;

/** Whom a quote was for: the deal behind it (for its end customer) and the customer's name. */
export interface QuoteParties {
  deal: Opportunity | null;
  /** The customer as the quote's lead or account names it; null to compare by end customer only. */
  customerName: string | null;
}

/** Whom two quotes were both for, and the quotes made for them. */
interface Basis {
  kind: QuoteConflictFacts['basis'];
  /** Stable for the customer: the end customer's account id, or the customer's normalised name. */
  key: string;
  name: string;
  quotes: QuoteEntry[];
}

/**
 * Raises the reminder for the manager above both reps when `quote` conflicts with another rep's
 * price for the same product — to the same end customer through another integrator's deal (named
 * first, being the stronger reason), or to the same customer (its account or leads by one name,
 * spelt alike as search compares names). One reminder per conflict: one already raised
 * (acknowledged or not) is left as it is. Runs in the writing command's transaction and reads
 * everyone's quotes unscoped, as bookkeeping: what it writes goes only to a manager who may see
 * both prices, and its text names no price at all.
 */
export async function raiseQuoteConflicts(
  ctx: CommandContext,
  quote: QuoteEntry,
  parties: QuoteParties,
): Promise<void> {
  const seen = new Set<string>();
  for (const basis of await basesOf(ctx, quote, parties)) {
    for (const other of basis.quotes) {
      if (seen.has(other.id) || !pricesConflict(other, quote)) continue;
      seen.add(other.id);
      const managerId = commonManager(ctx.org, other.quotedBy, quote.quotedBy);
      if (managerId === null) continue;
      const subjectId = quoteConflictId(basis.key, quote.sku, other.quotedBy, quote.quotedBy);
      if ((await ctx.tx.reminders.forSubject('quote_conflict', subjectId)).length > 0) continue;
      const [first, second] = other.quotedAt <= quote.quotedAt ? [other, quote] : [quote, other];
      const reminder = quoteConflictReminder(
        {
          subjectId,
          managerId,
          basis: basis.kind,
          customerName: basis.name,
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

async function basesOf(ctx: CommandContext, quote: QuoteEntry, parties: QuoteParties): Promise<Basis[]> {
  const end = parties.deal?.endCustomer;
  const [endQuotes, customerQuotes] = await Promise.all([
    end?.accountId ? endCustomerQuotes(ctx, end.accountId, quote.sku) : [],
    parties.customerName ? quotesOfName(ctx, normaliseName(parties.customerName), quote.sku) : [],
  ]);
  const bases: Basis[] = [];
  if (end?.accountId)
    bases.push({ kind: 'end_customer', key: end.accountId, name: end.name, quotes: endQuotes });
  if (parties.customerName)
    bases.push({
      kind: 'customer',
      key: `c_${normaliseName(parties.customerName)}`,
      name: parties.customerName,
      quotes: customerQuotes,
    });
  return bases;
}

/** Quotes of the SKU on every deal bid for this end customer. */
async function endCustomerQuotes(
  ctx: CommandContext,
  endCustomerId: string,
  sku: string,
): Promise<QuoteEntry[]> {
  const deals = await scanAll(ctx.tx.opportunities, { endCustomerId: [endCustomerId] });
  const lists = await Promise.all(
    deals.map((d) => ctx.tx.quotes.list({ opportunityId: d.id, sku }, QUOTES_READ)),
  );
  return lists.flat();
}

/** Quotes of the SKU on the leads and accounts of one customer name (search's exact key). */
async function quotesOfName(ctx: CommandContext, nameKey: string, sku: string): Promise<QuoteEntry[]> {
  if (nameKey === '') return [];
  const probe: SearchProbe = { field: 'exact', term: nameKey.slice(0, 200), prefix: false };
  const [leads, accounts] = await Promise.all([
    ctx.tx.searchTerms.find('lead', probe, EVERYONE, NAMESAKES),
    ctx.tx.searchTerms.find('account', probe, EVERYONE, NAMESAKES),
  ]);
  const lists = await Promise.all([
    ...leads.map((h) => ctx.tx.quotes.list({ leadId: h.id, sku }, QUOTES_READ)),
    ...accounts.map((h) => ctx.tx.quotes.list({ accountId: h.id, sku }, QUOTES_READ)),
  ]);
  const byId = new Map<string, QuoteEntry>();
  for (const q of lists.flat()) byId.set(q.id, q);
  return [...byId.values()];
}
