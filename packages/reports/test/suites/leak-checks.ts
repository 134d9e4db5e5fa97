import { type Crm, hiddenRecordText, isCrmError } from '@gongfu/core';
import { expect } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import {
  checkDealForDuplicates,
  costRollup,
  findDuplicateClusters,
  findDuplicateDeals,
  morningReview,
  pipeline,
  quotaAttainment,
  quoteConflicts,
} from '../../src/index.js';
import {
  above,
  customerRecord,
  dealRecord,
  feedRecords,
  feedSees,
  governedRecord,
  type Level,
  leadRecord,
  type Model,
  type OChild,
  type ORecord,
  type OUser,
  oracleLevel,
  subtreeOf,
} from './leak-oracle.js';
import { REVIEW_DAY, type World } from './leak-world.js';

/*
 * Every read path for one actor against the oracle. Each check counts one (actor, path) pair; a
 * mismatch fails the property, so a run that ends has found no leak.
 */

const MARCH = { from: '2026-03-01', to: '2026-03-31' } as const;

export async function outcome<T>(p: Promise<T>): Promise<T | string> {
  try {
    return await p;
  } catch (e) {
    if (isCrmError(e)) return e.code;
    throw e;
  }
}

/** What one actor may read, by the oracle. */
export class View {
  readonly who: { id: string };
  /** Texts gathered along the way (explanations), checked for hidden names at the end. */
  readonly texts: unknown[] = [];
  constructor(
    readonly model: Model,
    readonly actor: OUser,
  ) {
    this.who = { id: actor.id };
  }
  sees = (r: ORecord): Level | null => oracleLevel(this.model.users, this.actor.id, r);
  deal = (id: string) => this.sees(dealRecord(this.model, id));
  customer = (accountId: string, ownerId?: string) =>
    this.sees(customerRecord(this.model, accountId, ownerId));
  child = (r: OChild) => this.sees(governedRecord(this.model, r.ownerId, r.dealId));
  lead = (id: string) => this.sees(leadRecord(this.model, id));
  ids<T extends { id: string }>(records: Iterable<T>, visible: (r: T) => unknown): Set<string> {
    return new Set([...records].filter(visible).map((r) => r.id));
  }
  /** Names of customers, contacts, deals and leads the actor cannot open: no text they receive may carry one. */
  hiddenNames(): string[] {
    const m = this.model;
    return [
      ...[...m.accounts.values()].filter((a) => !this.customer(a.id)).map((a) => a.name),
      ...[...m.contacts.values()].filter((c) => !this.customer(c.accountId, c.ownerId)).map((c) => c.name),
      ...[...m.deals.values()].filter((d) => !this.deal(d.id)).map((d) => d.name),
      ...[...m.leads.values()].filter((l) => !this.lead(l.id)).map((l) => l.company),
    ];
  }
}

const okOr = (got: unknown) => (typeof got === 'string' ? got : 'OK');

/** A get (and its history and explanation) answers the record, or NOT_FOUND exactly when hidden. */
async function expectGet(
  crm: Crm,
  v: View,
  kind: 'opportunity' | 'order' | 'service_case' | 'demo_loan' | 'lead' | 'activity' | 'cost' | 'contact',
  id: string,
  level: Level | null,
  get: (id: string) => Promise<unknown>,
): Promise<number> {
  expect(okOr(await outcome(get(id))), `${kind} ${id}`).toBe(level ? 'OK' : 'NOT_FOUND');
  expect(okOr(await outcome(crm.history.forRecord(v.who, kind, id)))).toBe(level ? 'OK' : 'NOT_FOUND');
  const why = await outcome(crm.access.explain(v.who, kind, id));
  v.texts.push(why);
  if (level === null) expect(why).toBe('NOT_FOUND');
  else expect(why).toMatchObject({ canRead: true, canEdit: level === 'edit' });
  return 3;
}

/** The paths the first version of the suite checked: deals, customers, activities, costs, rollup, texts. */
export async function checkCoreBook(crm: Crm, v: View): Promise<number> {
  const { model, who } = v;
  let checks = 0;
  const listed = (await crm.opportunities.list(who, { limit: 200 })).items.map((d) => d.id);
  expect(new Set(listed)).toEqual(v.ids(model.deals.values(), (d) => v.deal(d.id)));
  checks++;
  for (const d of model.deals.values()) {
    checks += await expectGet(crm, v, 'opportunity', d.id, v.deal(d.id), (id) =>
      crm.opportunities.get(who, id),
    );
    // The deal's own explanation (as `access.explain`): NOT_FOUND exactly when hidden.
    const why = await outcome(crm.opportunities.explainAccess(who, d.id));
    v.texts.push(why);
    expect(okOr(why), `explainAccess ${d.id}`).toBe(v.deal(d.id) ? 'OK' : 'NOT_FOUND');
    checks++;
  }
  const expectedAccounts = v.ids(model.accounts.values(), (a) => v.customer(a.id));
  expect(new Set((await crm.accounts.list(who, { limit: 200 })).items.map((a) => a.id))).toEqual(
    expectedAccounts,
  );
  expect(new Set((await crm.accounts.search(who, { query: '客户' })).map((a) => a.id))).toEqual(
    expectedAccounts,
  );
  checks += 2;
  for (const a of model.accounts.values()) {
    const level = v.customer(a.id);
    expect(okOr(await outcome(crm.accounts.get(who, a.id)))).toBe(level ? 'OK' : 'NOT_FOUND');
    const why = await outcome(crm.access.explain(who, 'account', a.id));
    v.texts.push(why);
    if (level === null) expect(why).toBe('NOT_FOUND');
    else expect(why).toMatchObject({ canRead: true, canEdit: level === 'edit' });
    checks += 2;
  }
  for (const c of model.contacts.values()) {
    const level = v.customer(c.accountId, c.ownerId);
    const got = await outcome(crm.contacts.get(who, c.id));
    expect(okOr(got)).toBe(level ? 'OK' : 'NOT_FOUND');
    if (typeof got !== 'string') expect(got.ownerId).toBe(model.accounts.get(c.accountId)!.ownerId);
    checks++;
  }
  expect(new Set((await crm.contacts.search(who, { query: '联系人' })).map((c) => c.id))).toEqual(
    v.ids(model.contacts.values(), (c) => v.customer(c.accountId, c.ownerId)),
  );
  expect(new Set((await crm.activities.list(who, { limit: 200 })).items.map((a) => a.id))).toEqual(
    v.ids(model.activities.values(), v.child),
  );
  const visibleCosts = [...model.costs.values()].filter(v.child);
  expect(new Set((await crm.costs.list(who, { limit: 200 })).items.map((c) => c.id))).toEqual(
    new Set(visibleCosts.map((c) => c.id)),
  );
  checks += 3;
  // The cost rollup: one row per deal of a visible cost, named only when the deal is visible.
  const rollup = await costRollup(crm, who, { by: 'opportunity', ...MARCH });
  expect(new Map(rollup.rows.map((r) => [r.key, r.label]))).toEqual(
    new Map(
      visibleCosts.map((c) => [
        c.dealId,
        v.deal(c.dealId) ? model.deals.get(c.dealId)!.name : hiddenRecordText('opportunity', c.dealId),
      ]),
    ),
  );
  checks++;
  const texts = JSON.stringify([
    await crm.reminders.due(who, { at: '2026-03-10T02:00:00.000Z' }),
    await crm.reminders.due(who, { at: '2026-04-30T02:00:00.000Z' }),
    await crm.reminders.escalations(who, { at: '2026-04-30T02:00:00.000Z' }),
    await crm.activities.calendar(who, { view: 'week', date: '2026-03-10', userId: 'team' }),
    rollup,
  ]);
  for (const name of v.hiddenNames()) expect(texts).not.toContain(name);
  return checks + 5;
}

/**
 * The book's detail reads the first version left out: one activity or cost (with its history and
 * explanation), a contact's history and explanation, the contact list, the cost total, a customer's
 * team, and the quota list.
 */
export async function checkBookDetails(crm: Crm, v: View): Promise<number> {
  const { model, who } = v;
  let checks = 0;
  for (const a of model.activities.values())
    checks += await expectGet(crm, v, 'activity', a.id, v.child(a), (id) => crm.activities.get(who, id));
  for (const c of model.costs.values())
    checks += await expectGet(crm, v, 'cost', c.id, v.child(c), (id) => crm.costs.get(who, id));
  for (const c of model.contacts.values())
    checks += await expectGet(crm, v, 'contact', c.id, v.customer(c.accountId, c.ownerId), (id) =>
      crm.contacts.get(who, id),
    );
  // A customer's people: NOT_FOUND for a hidden customer, never an empty page; all of them at once
  // exactly when every customer is visible.
  const accounts = [...model.accounts.values()];
  for (const a of accounts) {
    const page = await outcome(crm.contacts.list(who, { accountId: a.id, limit: 200 }));
    expect(
      typeof page === 'string' ? page : new Set(page.items.map((c) => c.id)),
      `people of ${a.id}`,
    ).toEqual(
      v.customer(a.id)
        ? v.ids(model.contacts.values(), (c) => c.accountId === a.id && v.customer(c.accountId, c.ownerId))
        : 'NOT_FOUND',
    );
    checks++;
  }
  const all = await outcome(crm.contacts.list(who, { accountId: accounts.map((a) => a.id), limit: 200 }));
  expect(okOr(all)).toBe(accounts.every((a) => v.customer(a.id)) ? 'OK' : 'NOT_FOUND');
  // Every cost is in CNY: the total sums exactly the visible ones (none: no row).
  const visibleCosts = [...model.costs.values()].filter(v.child);
  const costTotal = await crm.costs.total(who);
  expect(costTotal.map((t) => [t.currency, t.count])).toEqual(
    visibleCosts.length ? [['CNY', visibleCosts.length]] : [],
  );
  checks += 2;
  for (const a of model.accounts.values()) {
    const team = await outcome(crm.accounts.team(who, a.id));
    expect(okOr(team), `team of ${a.id}`).toBe(v.customer(a.id) ? 'OK' : 'NOT_FOUND');
    v.texts.push(team);
    checks++;
  }
  const quotas = await crm.quotas.list(who, { period: '2026-Q1', limit: 200 });
  expect(new Set(quotas.items.map((q) => q.userId))).toEqual(
    new Set([...model.quotaHolders].filter((u) => v.sees({ id: u, ownerId: u, team: new Map() }))),
  );
  for (const q of quotas.items) expect(okOr(await outcome(crm.quotas.get(who, q.id)))).toBe('OK');
  return checks + 1;
}

/**
 * Due reminders and escalations, record by record: a reminder's reader is its recipient, the owner
 * of the record now (reminders follow a hand-over on the same write); an escalation is a reminder
 * of someone below the actor. So no one is reminded of a record handed away from them.
 */
export async function checkReminders(crm: Crm, v: View): Promise<number> {
  const { model, who, actor } = v;
  const subjects: Record<string, Map<string, { ownerId: string }>> = {
    lead: model.leads,
    opportunity: model.deals,
    activity: model.activities,
    order: model.orders,
    demo_loan: model.demoLoans,
  };
  const ownerOf = (r: { subjectType: string; subjectId: string }) =>
    subjects[r.subjectType]?.get(r.subjectId)?.ownerId;
  let checks = 0;
  for (const at of ['2026-03-10T02:00:00.000Z', '2026-04-30T02:00:00.000Z']) {
    for (const r of await crm.reminders.due(who, { at })) {
      expect(r.userId, `due ${r.key}`).toBe(actor.id);
      if (r.subjectType !== 'quote_conflict') expect(ownerOf(r), `due ${r.key}`).toBe(actor.id);
    }
    for (const r of await crm.reminders.escalations(who, { at })) {
      expect(above(model.users, actor.id, r.userId), `escalated ${r.key}`).toBe(true);
      if (r.subjectType !== 'quote_conflict') expect(ownerOf(r), `escalated ${r.key}`).toBe(r.userId);
    }
    checks += 2;
  }
  return checks;
}

/** Orders, service cases and demo loans: lists, gets, history and explanations. */
export async function checkAfterSales(crm: Crm, v: View): Promise<number> {
  const { model, who } = v;
  let checks = 3;
  expect(new Set((await crm.orders.list(who, { limit: 200 })).items.map((o) => o.id))).toEqual(
    v.ids(model.orders.values(), v.child),
  );
  expect(new Set((await crm.serviceCases.list(who, { limit: 200 })).items.map((s) => s.id))).toEqual(
    v.ids(model.serviceCases.values(), v.child),
  );
  expect(new Set((await crm.demoLoans.list(who, { limit: 200 })).items.map((l) => l.id))).toEqual(
    v.ids(model.demoLoans.values(), v.child),
  );
  for (const o of model.orders.values())
    checks += await expectGet(crm, v, 'order', o.id, v.child(o), (id) => crm.orders.get(who, id));
  for (const s of model.serviceCases.values())
    checks += await expectGet(crm, v, 'service_case', s.id, v.child(s), (id) =>
      crm.serviceCases.get(who, id),
    );
  for (const l of model.demoLoans.values())
    checks += await expectGet(crm, v, 'demo_loan', l.id, v.child(l), (id) => crm.demoLoans.get(who, id));
  return checks;
}

/** Leads, their quotes, and the last quote on a customer (a colleague's price stays theirs). */
export async function checkQuotes(crm: Crm, v: View): Promise<number> {
  const { model, who } = v;
  let checks = 1;
  expect(new Set((await crm.leads.list(who, { limit: 200 })).items.map((l) => l.id))).toEqual(
    v.ids(model.leads.values(), (l) => v.lead(l.id)),
  );
  for (const l of model.leads.values()) {
    const level = v.lead(l.id);
    checks += await expectGet(crm, v, 'lead', l.id, level, (id) => crm.leads.get(who, id));
    const quotes = await outcome(crm.leads.quotes(who, l.id));
    expect(typeof quotes === 'string' ? quotes : new Set(quotes.map((q) => q.id))).toEqual(
      level ? v.ids(model.quotes.values(), (q) => q.leadId === l.id) : 'NOT_FOUND',
    );
    checks++;
  }
  for (const a of model.accounts.values()) {
    const newest = [...model.quotes.values()]
      .filter((q) => q.accountId === a.id && v.lead(q.leadId))
      .sort((x, y) => y.n - x.n)[0];
    const expected = !v.customer(a.id) ? 'NOT_FOUND' : (newest?.id ?? null);
    // Every quote is for one product: with or without naming it, the same newest quote.
    for (const query of [{ accountId: a.id }, { accountId: a.id, sku: 'LS2208' }]) {
      const last = await outcome(crm.leads.lastQuote(who, query));
      expect(typeof last === 'string' || last === null ? last : last.id, `last quote on ${a.id}`).toBe(
        expected,
      );
      checks++;
    }
  }
  return checks;
}

/**
 * Conflicting quotes: a manager over both quoters sees a pair when they may open both leads, and it
 * names the customer only when they may open it (else by kind and id).
 */
export async function checkQuoteConflicts(crm: Crm, v: View): Promise<number> {
  const { model, actor } = v;
  const found = await quoteConflicts(crm, v.who, MARCH);
  const people = new Set(subtreeOf(model.users, actor.id).filter((u) => u !== actor.id));
  const quotes = [...model.quotes.values()].filter((q) => people.has(q.quotedBy) && v.lead(q.leadId));
  const expected = new Map<string, string>();
  if (people.size >= 2)
    for (const [i, a] of quotes.entries())
      for (const b of quotes.slice(i + 1))
        if (a.accountId === b.accountId && a.quotedBy !== b.quotedBy && a.price !== b.price)
          expected.set(
            [a.id, b.id].sort().join('|'),
            v.customer(a.accountId)
              ? model.accounts.get(a.accountId)!.name
              : hiddenRecordText('account', a.accountId),
          );
  expect(
    new Map(found.map((c) => [[c.quotes[0].quoteId, c.quotes[1].quoteId].sort().join('|'), c.customer])),
  ).toEqual(expected);
  const texts = JSON.stringify(found);
  for (const name of v.hiddenNames()) expect(texts, 'a conflict names a hidden customer').not.toContain(name);
  return 1;
}

/** The pipeline report: its open deals per owner, and its funnel, count only what the actor reads. */
export async function checkPipeline(crm: Crm, v: View): Promise<number> {
  const { model } = v;
  const report = await pipeline(crm, v.who, MARCH);
  const deals = [...model.deals.values()].filter((d) => v.deal(d.id));
  const perOwner = new Map<string, number>();
  for (const d of deals.filter((d) => d.open)) perOwner.set(d.ownerId, (perOwner.get(d.ownerId) ?? 0) + 1);
  expect(new Map(report.open.byOwner.map((r) => [r.key, [r.count, r.label]]))).toEqual(
    new Map([...perOwner].map(([owner, count]) => [owner, [count, model.users.get(owner)!.name]])),
  );
  expect(report.funnel).toMatchObject({
    leads: [...model.leads.values()].filter((l) => v.lead(l.id)).length,
    opportunities: deals.length,
    wonOpportunities: deals.filter((d) => !d.open).length,
    orders: [...model.orders.values()].filter(v.child).length,
  });
  const texts = JSON.stringify(report);
  for (const name of v.hiddenNames()) expect(texts).not.toContain(name);
  return 3;
}

/** `crm.search.find`: every kind it searches, only what the actor reads. */
export async function checkSearch(crm: Crm, v: View): Promise<number> {
  const { model, who } = v;
  const found = async (q: string) =>
    new Set((await crm.search.find(who, { q, limit: 100 })).hits.map((h) => `${h.kind}:${h.id}`));
  const tagged = (kind: string, ids: Set<string>) => new Set([...ids].map((id) => `${kind}:${id}`));
  expect(await found('客户')).toEqual(
    tagged(
      'account',
      v.ids(model.accounts.values(), (a) => v.customer(a.id)),
    ),
  );
  expect(await found('项目')).toEqual(
    tagged(
      'opportunity',
      v.ids(model.deals.values(), (d) => v.deal(d.id)),
    ),
  );
  expect(await found('询价')).toEqual(
    new Set([
      ...tagged(
        'lead',
        v.ids(model.leads.values(), (l) => v.lead(l.id)),
      ),
      // A lead's contact is its own detail, not a contact record: only the lead's company is named.
    ]),
  );
  expect(await found('联系人')).toEqual(
    tagged(
      'contact',
      v.ids(model.contacts.values(), (c) => v.customer(c.accountId, c.ownerId)),
    ),
  );
  return 4;
}

/** The change feed, record by record: the events of a record reach exactly those who read it. */
export async function checkFeed(crm: Crm, v: View): Promise<number> {
  const { model, who, actor } = v;
  const seen = new Set<string>();
  for (let cursor: string | null = null; ; ) {
    const page = await crm.events.since(who, cursor, { limit: 1000 });
    for (const e of page.items) seen.add(`${e.entityType}:${e.entityId}`);
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  const records = feedRecords(model);
  const modelled = new Set(records.map((r) => `${r.kind}:${r.id}`));
  const expected = new Set(
    records
      .filter((r) => feedSees(model.users, actor.id, r.record, r.owners))
      .map((r) => `${r.kind}:${r.id}`),
  );
  expect(new Set([...seen].filter((k) => modelled.has(k)))).toEqual(expected);
  return 1;
}

const TIMELINE_RECORDS = [
  'lead',
  'quote',
  'deal',
  'order',
  'service_case',
  'activity',
  'demo_loan',
  'cost',
] as const;

/** The customer timeline: of a customer the actor reads, the entries of the records they read. */
export async function checkTimelines(crm: Crm, v: View): Promise<number> {
  const { model, who } = v;
  let checks = 0;
  for (const a of model.accounts.values()) {
    const got = await outcome(crm.accounts.timeline(who, a.id, { limit: 200, kinds: [...TIMELINE_RECORDS] }));
    checks++;
    if (!v.customer(a.id)) {
      expect(got).toBe('NOT_FOUND');
      continue;
    }
    if (typeof got === 'string') throw new Error(`timeline of ${a.id}: ${got}`);
    const on = <T extends { accountId: string }>(m: Map<string, T>) =>
      [...m.values()].filter((r) => r.accountId === a.id);
    const expected = new Set([
      ...[...v.ids(on(model.leads), (l) => v.lead(l.id))].map((id) => `lead:${id}`),
      ...[...v.ids(on(model.quotes), (q) => v.lead(q.leadId))].map((id) => `quote:${id}`),
      ...[...v.ids(on(model.deals), (d) => v.deal(d.id))].map((id) => `deal:${id}`),
      ...[...v.ids(on(model.orders), v.child)].map((id) => `order:${id}`),
      ...[...v.ids(on(model.serviceCases), v.child)].map((id) => `service_case:${id}`),
      ...[...v.ids(on(model.activities), v.child)].map((id) => `activity:${id}`),
      ...[...v.ids(on(model.demoLoans), v.child)].map((id) => `demo_loan:${id}`),
      ...[...v.ids(on(model.costs), v.child)].map((id) => `cost:${id}`),
    ]);
    expect(new Set(got.items.map((e) => e.id.split(':').slice(0, 2).join(':')))).toEqual(expected);
    const texts = JSON.stringify(got.items);
    for (const name of v.hiddenNames()) expect(texts).not.toContain(name);
  }
  return checks;
}

const CALENDAR_VIEWS = [
  { view: 'day', date: '2026-03-10' },
  { view: 'week', date: '2026-03-10' },
  { view: 'month', date: '2026-03-10' },
  // A week with nothing planned: empty however the scope is written.
  { view: 'week', date: '2026-03-20' },
] as const;

/**
 * The activity calendar (`activities.calendar`, the storage's `byDay`): whose plan the actor may ask
 * for (their own, `team`, a person below them; an administrator anyone), and on it exactly the
 * scheduled activities of those people the actor reads — listed ones and the counted `more` alike,
 * each entry naming its deal only when the actor may open it.
 */
export async function checkCalendar(crm: Crm, v: View): Promise<number> {
  const { model, who, actor } = v;
  const { users } = model;
  const team = [...users.keys()].filter((u) => u === actor.id || above(users, actor.id, u));
  const mayAsk = (u: string) => u === actor.id || actor.role === 'admin' || above(users, actor.id, u);
  const whose: [string | undefined, string[] | 'PERMISSION_DENIED'][] = [
    [undefined, [actor.id]],
    ['team', team],
    ...[...users.keys()].map((u): [string, string[] | 'PERMISSION_DENIED'] => [
      u,
      mayAsk(u) ? [u] : 'PERMISSION_DENIED',
    ]),
  ];
  const label = (dealId: string) =>
    v.deal(dealId) ? model.deals.get(dealId)!.name : hiddenRecordText('opportunity', dealId);
  let checks = 0;
  for (const [userId, owners] of whose) {
    const expected =
      owners === 'PERMISSION_DENIED'
        ? owners
        : [...model.activities.values()].filter((a) => owners.includes(a.ownerId) && v.child(a));
    // Each view for the actor's own and team plans; a named person's week only (the views share
    // their scope and differ only in days, so the CI run stays short).
    const views = userId === undefined || userId === 'team' ? CALENDAR_VIEWS : CALENDAR_VIEWS.slice(1, 2);
    for (const range of views) {
      const inRange = range.date === '2026-03-10';
      // Every listed (the default page) and one listed with the rest counted: both under the scope.
      for (const perDay of range === CALENDAR_VIEWS[1] ? [undefined, 1] : [undefined]) {
        const query = { ...range, ...(userId ? { userId } : {}), ...(perDay ? { perDay } : {}) };
        const got = await outcome(crm.activities.calendar(who, query));
        checks++;
        const where = `calendar ${JSON.stringify(query)} as ${actor.id}`;
        if (typeof got === 'string' || typeof expected === 'string') {
          expect(got, where).toBe(expected);
          continue;
        }
        const shown = expected.filter(() => inRange);
        const entries = got.days.flatMap((d) => d.activities);
        expect(entries.length + got.days.reduce((n, d) => n + d.more, 0), where).toBe(shown.length);
        const byId = new Map(shown.map((a) => [a.id, label(a.dealId)]));
        if (perDay === undefined)
          expect(new Map(entries.map((e) => [e.id, e.regardingLabel])), where).toEqual(byId);
        else for (const e of entries) expect(byId.get(e.id), where).toBe(e.regardingLabel);
        const texts = JSON.stringify(got);
        for (const name of v.hiddenNames()) expect(texts, where).not.toContain(name);
      }
    }
  }
  return checks;
}

/** Every pair the scan scores, however weak: the duplicate reads' candidates, not their verdicts. */
const ANY_SCORE = { limit: 500, minScore: -1_000_000 } as const;

/**
 * Duplicate deals: the scan and the stored check of one deal (NOT_FOUND for a hidden deal) pair
 * exactly the open deals on one customer (a deal and its twin) the actor may both open, and name
 * nothing hidden.
 */
export async function checkDuplicates(crm: Crm, v: View): Promise<number> {
  const { model, who } = v;
  const pairKeyOf = (p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort().join('|');
  const texts: unknown[] = [];
  const scan = await findDuplicateDeals(crm, who, ANY_SCORE);
  texts.push(scan);
  // The world's only candidates: two open deals on one customer (a deal and its twin), both visible.
  const open = [...model.deals.values()].filter((d) => d.open && v.deal(d.id));
  const expected = new Set(
    open.flatMap((x) =>
      open.filter((y) => x.id < y.id && x.accountId === y.accountId).map((y) => `${x.id}|${y.id}`),
    ),
  );
  expect(new Set(scan.map(pairKeyOf)), 'duplicate scan').toEqual(expected);
  let checks = 1;
  for (const d of model.deals.values()) {
    const got = await outcome(checkDealForDuplicates(crm, who, d.id, ANY_SCORE));
    checks++;
    if (!v.deal(d.id)) {
      expect(got, `duplicate check of ${d.id}`).toBe('NOT_FOUND');
      continue;
    }
    if (typeof got === 'string') throw new Error(`duplicate check of ${d.id}: ${got}`);
    texts.push(got);
    // The stored check of one deal: exactly the scan's pairs that hold it.
    expect(new Set(got.map(pairKeyOf)), `duplicate check of ${d.id}`).toEqual(
      new Set([...expected].filter((k) => k.split('|').includes(d.id))),
    );
  }
  // Clusters: the same pairs, grouped (a deal and its twin make a cluster of two).
  const clusters = await findDuplicateClusters(crm, who, { minScore: ANY_SCORE.minScore });
  texts.push(clusters);
  expect(new Set(clusters.map((c) => c.dealIds.join('|'))), 'duplicate clusters').toEqual(expected);
  checks++;
  const printed = JSON.stringify(texts);
  for (const name of v.hiddenNames())
    expect(printed, 'a duplicate pair names a hidden record').not.toContain(name);
  return checks;
}

/** The morning review of the day the world was built: its texts name only what the reviewer reads. */
export async function checkReview(crm: Crm, v: View): Promise<string> {
  const review = await morningReview(crm, v.who, { day: REVIEW_DAY, findDuplicates: false });
  const texts = JSON.stringify(review);
  for (const name of v.hiddenNames()) expect(texts).not.toContain(name);
  return texts;
}

/** Quota attainment: a row for the reader's own quota and those of the people below them. */
export async function checkQuotas(crm: Crm, v: View): Promise<number> {
  const rows = await quotaAttainment(crm, v.who, { period: '2026-Q1' });
  const expected = [...v.model.users.values()].filter(
    (u) => v.model.quotaHolders.has(u.id) && v.sees({ id: u.id, ownerId: u.id, team: new Map() }),
  );
  // Won: the delivered orders (two units at 100.00 each) the reader may open, by their owner now.
  const booked = (userId: string) =>
    [...v.model.orders.values()].filter((o) => o.ownerId === userId && v.child(o)).length;
  expect(new Map(rows.map((r) => [r.quota.userId, [r.label, r.orders, r.won.amount]]))).toEqual(
    new Map(expected.map((u) => [u.id, [u.name, booked(u.id), booked(u.id) * 200_00]])),
  );
  const texts = JSON.stringify(rows);
  for (const name of v.hiddenNames()) expect(texts).not.toContain(name);
  return 1;
}

/**
 * The `gongfu` CLI run as the actor (`review --as`, `duplicates --as`) on the same database: what
 * it prints names only records the actor can open. (`export` and `import` act on a whole workspace
 * for its operator, not as a user.)
 */
export async function checkCli(w: World, v: View): Promise<number> {
  const printed: string[] = [];
  const io = {
    out: (t: string) => printed.push(t),
    err: (t: string) => printed.push(t),
    env: {},
    // The world's own storage, left open for the next actor.
    openStorage: async () => ({ ...w.storage, close: async () => {} }) as typeof w.storage,
  };
  const common = ['--pg', 'postgres://the-world-storage', '--tenant', w.crm.tenantId, '--as', v.actor.id];
  expect(await runCli(['review', ...common, '--day', REVIEW_DAY], io), printed.join('\n')).toBe(0);
  expect(await runCli(['duplicates', ...common, '--limit', '50'], io), printed.join('\n')).toBe(0);
  const texts = printed.join('\n');
  for (const name of v.hiddenNames()) expect(texts, `gongfu as ${v.actor.id}`).not.toContain(name);
  return 2;
}

export async function checkAll(w: World): Promise<number> {
  const { crm, model } = w;
  let checks = 0;
  for (const actor of model.users.values()) {
    const v = new View(model, actor);
    if (!actor.active) {
      expect(await outcome(crm.opportunities.list(v.who))).toBe('PERMISSION_DENIED');
      expect(await outcome(crm.events.since(v.who, null))).toBe('PERMISSION_DENIED');
      checks += 2;
      continue;
    }
    checks += await checkCoreBook(crm, v);
    checks += await checkBookDetails(crm, v);
    checks += await checkReminders(crm, v);
    checks += await checkAfterSales(crm, v);
    checks += await checkQuotes(crm, v);
    checks += await checkQuoteConflicts(crm, v);
    checks += await checkPipeline(crm, v);
    checks += await checkSearch(crm, v);
    checks += await checkFeed(crm, v);
    checks += await checkTimelines(crm, v);
    checks += await checkCalendar(crm, v);
    checks += await checkDuplicates(crm, v);
    await checkReview(crm, v);
    checks += await checkQuotas(crm, v);
    checks += await checkCli(w, v);
    // The explanations: in words, naming only what the actor may open.
    const explained = JSON.stringify(v.texts);
    for (const name of v.hiddenNames()) expect(explained).not.toContain(name);
    checks += 2;
  }
  return checks;
}
