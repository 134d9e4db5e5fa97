import type { ChangeAccess, CommandContext } from '../../service/context.js';
import type { DerivedOptions } from '../../service/entity-kind.js';
import type { SearchKind, SearchTerm } from '../../storage/search-term-store.js';
import type { Account } from '../accounts/account.js';
import type { Contact } from '../accounts/contact.js';
import type { Lead } from '../leads/lead.js';
import type { Opportunity } from '../opportunities/opportunity.js';
import { type SearchSource, searchTerms } from './search-terms.js';

type Sync<T> = (ctx: CommandContext, record: T, options: DerivedOptions<T>) => Promise<void>;

/**
 * What each kind of record is found by. Tolerant of documents written before a field existed (a
 * migration builds the keys of rows stored before search keys existed from these same sources).
 */
export const SEARCH_SOURCES: { readonly [K in SearchKind]: (record: SearchRecord[K]) => SearchSource } = {
  account: (a) => ({
    names: [a.name, ...(a.aliases ?? [])],
    phones: a.phones ?? [],
    creditCode: a.creditCode,
  }),
  contact: (c) => ({ names: [c.name], phones: [c.phone, c.mobile] }),
  lead: (l) => ({
    names: [l.company, l.contact?.name],
    phones: [l.contact?.phone ?? null, l.contact?.mobile ?? null],
  }),
  opportunity: (o) => ({ names: [o.name], phones: [] }),
};

interface SearchRecord {
  account: Account;
  contact: Contact;
  lead: Lead;
  opportunity: Opportunity;
}

/** The search keys of one stored record of `kind`. */
export function searchTermsOf<K extends SearchKind>(kind: K, record: SearchRecord[K]): SearchTerm[] {
  return searchTerms(SEARCH_SOURCES[kind](record));
}

/**
/**
 * Keeps a record's search keys in line with the record, as one of its derived rows: its names and
 * numbers, and who may see it (so a transfer or a contact moved to another customer re-scopes them).
 * An update that leaves every name, phone and the access as they were (a stage change, a logged
 * contact) keeps the stored keys: they are a function of those alone, so rewriting them would
 * write the same rows again.
 */
function searchSync<K extends SearchKind>(kind: K): Sync<SearchRecord[K]> {
  const sourceOf = SEARCH_SOURCES[kind];
  return async (ctx, record, options) => {
    const { before, accessBefore, access } = options;
    if (
      before !== undefined &&
      accessBefore !== undefined &&
      sameAccess(accessBefore, access) &&
      sameSource(sourceOf(before), sourceOf(record))
    )
      return;
    await ctx.tx.searchTerms.replace(kind, record.id, access, searchTermsOf(kind, record), {
      fresh: options.fresh === true,
    });
  };
}

function sameAccess(a: ChangeAccess, b: ChangeAccess): boolean {
  return a.ownerId === b.ownerId && a.teamKey === b.teamKey;
}

function sameSource(a: SearchSource, b: SearchSource): boolean {
  return (
    sameList(a.names, b.names) &&
    sameList(a.phones, b.phones) &&
    (a.creditCode ?? null) === (b.creditCode ?? null)
  );
}

function sameList(
  a: readonly (string | null | undefined)[],
  b: readonly (string | null | undefined)[],
): boolean {
  return a.length === b.length && a.every((x, i) => (x ?? null) === (b[i] ?? null));
}

export const syncAccountSearch = searchSync('account');
export const syncContactSearch = searchSync('contact');
export const syncLeadSearch = searchSync('lead');
export const syncOpportunitySearch = searchSync('opportunity');

/** Several derived-row syncs run one after the other (reminders, then search keys). */
export function syncAll<T>(...syncs: Sync<T>[]): Sync<T> {
  return async (ctx, record, options) => {
    for (const sync of syncs) await sync(ctx, record, options);
  };
}
