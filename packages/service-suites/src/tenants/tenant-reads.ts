import type { Crm, Page, User } from '@gongfu/core';
import type { TenantFixture } from './tenant-plan.js';

/** Anything a read path returns that is a row of some tenant. */
export interface TenantOwned {
  tenantId: string;
  id?: string;
}

/** Every page of a paged list. */
async function all<T>(fetch: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

const c = (cursor?: string) => (cursor ? { cursor } : {});

/**
 * Every read path of the service, as `actor` of `f`'s tenant sees it: lists (paged to the end),
 * searches on the shared company names, calendars (own and team), gets and history of every record
 * the tenant holds that the actor may see, reminders and escalations, quotes. Keyed by path name,
 * so a failing check says which path leaked.
 */
export async function readEverything(f: TenantFixture, actor: User): Promise<Record<string, TenantOwned[]>> {
  const { crm, ids } = f;
  const out: Record<string, TenantOwned[]> = {
    'users.list': await crm.users.list(actor),
    'leads.list': await all((cur) => crm.leads.list(actor, { limit: 2, ...c(cur) })),
    'leads.list(text)': await all((cur) => crm.leads.list(actor, { text: '系统集成', ...c(cur) })),
    'opportunities.list': await all((cur) => crm.opportunities.list(actor, { limit: 2, ...c(cur) })),
    'orders.list': await all((cur) => crm.orders.list(actor, { limit: 2, ...c(cur) })),
    'activities.list': await all((cur) => crm.activities.list(actor, { limit: 2, ...c(cur) })),
    'costs.list': await all((cur) => crm.costs.list(actor, { limit: 2, ...c(cur) })),
    'accounts.list': await all((cur) => crm.accounts.list(actor, { limit: 2, ...c(cur) })),
    'accounts.search': await crm.accounts.search(actor, { query: '系统集成' }),
    'accounts.search(latin)': await crm.accounts.search(actor, { query: 'acme' }),
    'contacts.search': await crm.contacts.search(actor, { query: '王工' }),
    'serviceCases.list': await all((cur) => crm.serviceCases.list(actor, { ...c(cur) })),
    'demoLoans.list': await all((cur) => crm.demoLoans.list(actor, { ...c(cur) })),
    'reminders.due': await crm.reminders.due(actor, { at: '2027-01-01T00:00:00.000Z', limit: 500 }),
    'reminders.escalations': await crm.reminders.escalations(actor, {
      at: '2027-01-01T00:00:00.000Z',
      limit: 500,
    }),
    calendar: calendarItems(await crm.activities.calendar(actor, { view: 'month', date: '2026-03-10' })),
  };
  if (actor.role !== 'sales_rep') {
    const team = await crm.activities.calendar(actor, { view: 'month', date: '2026-03-10', userId: 'team' });
    out['calendar(team)'] = calendarItems(team);
  }
  const visible = async <T>(get: () => Promise<T>): Promise<T | null> =>
    get().catch((e: unknown) => {
      // Invisible records of the actor's own tenant are NOT_FOUND too; only those are skipped.
      if ((e as { code?: string }).code === 'NOT_FOUND') return null;
      throw e;
    });
  const gets: TenantOwned[] = [];
  const history: TenantOwned[] = [];
  const quotes: TenantOwned[] = [];
  const kinds = [
    ['lead', ids.leads, crm.leads.get],
    ['opportunity', ids.opportunities, crm.opportunities.get],
    ['order', ids.orders, crm.orders.get],
    ['account', ids.accounts, crm.accounts.get],
    ['contact', ids.contacts, crm.contacts.get],
    ['activity', ids.activities, crm.activities.get],
    ['cost', ids.costs, crm.costs.get],
  ] as const;
  for (const [type, list, get] of kinds) {
    for (const id of list) {
      const record = await visible(() => (get as (a: User, id: string) => Promise<TenantOwned>)(actor, id));
      if (record === null) continue;
      gets.push(record);
      history.push(...(await crm.history.forRecord(actor, type, id)));
    }
  }
  for (const id of ids.leads) {
    const last = await visible(() => crm.leads.lastQuote(actor, { leadId: id }));
    if (last) quotes.push(last);
    quotes.push(...((await visible(() => crm.leads.quotes(actor, id))) ?? []));
  }
  for (const id of ids.accounts) {
    const contacts = await visible(() =>
      all((cur) => crm.contacts.list(actor, { accountId: id, ...c(cur) })),
    );
    gets.push(...(contacts ?? []));
  }
  out.get = gets;
  out['history.forRecord'] = history;
  out['leads.lastQuote/quotes'] = quotes;
  return out;
}

function calendarItems(calendar: Awaited<ReturnType<Crm['activities']['calendar']>>): TenantOwned[] {
  return calendar.days.flatMap((d) => d.activities);
}

/** Paths that must list every row of its kind the tenant holds when an admin reads them. */
export function expectedForAdmin(f: TenantFixture): Record<string, string[]> {
  const uniq = (xs: string[]) => [...new Set(xs)].sort();
  return {
    'leads.list': uniq(f.ids.leads),
    'opportunities.list': uniq(f.ids.opportunities),
    'orders.list': uniq(f.ids.orders),
    'activities.list': uniq(f.ids.activities),
    'costs.list': uniq(f.ids.costs),
    'accounts.list': uniq(f.ids.accounts),
    'users.list': uniq(Object.values(f.org).map((u) => u.id)),
  };
}
