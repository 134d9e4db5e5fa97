import type { CommandContext } from '../../service/context.js';
import type { FreshOption } from '../../service/entity-kind.js';
import type { SearchKind } from '../../storage/search-term-store.js';
import type { Account } from '../accounts/account.js';
import type { Contact } from '../accounts/contact.js';
import type { Lead } from '../leads/lead.js';
import type { Opportunity } from '../opportunities/opportunity.js';
import { type SearchSource, searchTerms } from './search-terms.js';

type Sync<T> = (ctx: CommandContext, record: T, options: FreshOption) => Promise<void>;

/** Keeps a record's search keys in line with the record, as one of its derived rows. */
function searchSync<T extends { id: string }>(
  kind: SearchKind,
  sourceOf: (record: T) => SearchSource,
): Sync<T> {
  return (ctx, record, options) =>
    ctx.tx.searchTerms.replace(kind, record.id, searchTerms(sourceOf(record)), {
      fresh: options.fresh === true,
    });
}

export const syncAccountSearch = searchSync<Account>('account', (a) => ({
  names: [a.name, ...a.aliases],
  phones: a.phones,
  creditCode: a.creditCode,
}));

export const syncContactSearch = searchSync<Contact>('contact', (c) => ({
  names: [c.name],
  phones: [c.phone, c.mobile],
}));

export const syncLeadSearch = searchSync<Lead>('lead', (l) => ({
  names: [l.company, l.contact.name],
  phones: [l.contact.phone ?? null, l.contact.mobile ?? null],
}));

export const syncOpportunitySearch = searchSync<Opportunity>('opportunity', (o) => ({
  names: [o.name],
  phones: [],
}));

/** Several derived-row syncs run one after the other (reminders, then search keys). */
export function syncAll<T>(...syncs: Sync<T>[]): Sync<T> {
  return async (ctx, record, options) => {
    for (const sync of syncs) await sync(ctx, record, options);
  };
}
