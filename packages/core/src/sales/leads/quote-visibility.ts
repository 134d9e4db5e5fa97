import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { QuoteEntry } from './lead.js';

/** How many of the newest matching quotes `lastQuote` looks through for one the reader may open. */
export const LAST_QUOTE_WINDOW = 500;

/**
 * A quote is a price one salesperson gave on one lead: the reader sees it only when they may open
 * that lead (or, for a quote without a lead, its deal or else its account). Reading by account or
 * deal must not reach past that: a colleague's price on the same customer stays theirs.
 */
export async function visibleQuotes(
  ctx: CommandContext,
  entries: readonly QuoteEntry[],
  limit = Number.POSITIVE_INFINITY,
): Promise<QuoteEntry[]> {
  const seen = new Map<string, boolean>();
  const visible = async (kind: 'lead' | 'opportunity' | 'account', id: string): Promise<boolean> => {
    const key = `${kind}:${id}`;
    const known = seen.get(key);
    if (known !== undefined) return known;
    const entity = ENTITY[kind] as typeof ENTITY.lead;
    const record = await entity.store(ctx.tx).get(id);
    const ok = record !== null && (await ctx.allows(entity, record));
    seen.set(key, ok);
    return ok;
  };
  const out: QuoteEntry[] = [];
  for (const q of entries) {
    if (out.length >= limit) break;
    const ok = q.leadId
      ? await visible('lead', q.leadId)
      : q.opportunityId
        ? await visible('opportunity', q.opportunityId)
        : q.accountId !== null && (await visible('account', q.accountId));
    if (ok) out.push(q);
  }
  return out;
}
