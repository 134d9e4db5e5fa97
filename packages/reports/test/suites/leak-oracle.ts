/*
 * The leak suite's oracle: docs/permissions.md as plain functions over plain data, written without
 * the code under test. A record is read by its owner, anyone above the owner, a member of its
 * governing team (or anyone above the member), an administrator — and a customer also by the seats
 * on the teams of the deals on it (read only).
 */

export type Level = 'read' | 'edit';

export interface OUser {
  id: string;
  name: string;
  role: string;
  managerId: string | null;
  active: boolean;
}

export interface ORecord {
  id: string;
  ownerId: string;
  /** The governing team (owner row excluded), `userId → level`. */
  team: ReadonlyMap<string, Level>;
  /** On a customer: everyone on the team of a deal on it (owners too); they and their managers read it. */
  dealReaders?: ReadonlySet<string>;
}

export function above(users: ReadonlyMap<string, OUser>, manager: string, user: string): boolean {
  for (let m = users.get(user)?.managerId ?? null; m !== null; m = users.get(m)?.managerId ?? null) {
    if (m === manager) return true;
  }
  return false;
}

/** `null`: cannot read; otherwise the best level. */
export function oracleLevel(users: ReadonlyMap<string, OUser>, actorId: string, r: ORecord): Level | null {
  const actor = users.get(actorId);
  if (!actor?.active) return null;
  if (actor.role === 'admin' || r.ownerId === actorId || above(users, actorId, r.ownerId)) return 'edit';
  let best: Level | null = null;
  for (const [member, level] of r.team) {
    if (member === actorId || above(users, actorId, member)) best = best === 'edit' ? 'edit' : level;
  }
  for (const member of r.dealReaders ?? []) {
    if (member === actorId || above(users, actorId, member)) best = best ?? 'read';
  }
  return best;
}

/** The people a manager's reports speak of: themselves and everyone below (an administrator: all). */
export function subtreeOf(users: ReadonlyMap<string, OUser>, actorId: string): string[] {
  const actor = users.get(actorId);
  if (actor?.role === 'admin') return [...users.keys()];
  return [...users.keys()].filter((u) => u === actorId || above(users, actorId, u));
}

// ---- The book the generator built, as the oracle keeps it. ----

export interface OAccount {
  id: string;
  name: string;
  ownerId: string;
  team: Map<string, Level>;
  /** Every owner the account had, the first one included: the feed keeps each event's owner of then. */
  owners: Set<string>;
}
export interface OContact {
  id: string;
  name: string;
  accountId: string;
  ownerId: string;
  owners: Set<string>;
}
export interface ODeal {
  id: string;
  name: string;
  ownerId: string;
  accountId: string;
  seats: Map<string, Level>;
  owners: Set<string>;
  open: boolean;
}
/** A record hanging off a deal (activity, cost, order, service case, demo loan): its team governs it. */
export interface OChild {
  id: string;
  ownerId: string;
  dealId: string;
  accountId: string;
  owners: Set<string>;
  /** Moves in a hand-over (costs never do). */
  moves: boolean;
}
export interface OLead {
  id: string;
  company: string;
  ownerId: string;
  accountId: string;
  owners: Set<string>;
}
export interface OQuote {
  id: string;
  leadId: string;
  accountId: string;
  quotedBy: string;
  price: number;
  /** Creation order: a later quote is newer. */
  n: number;
}

export interface Model {
  users: Map<string, OUser>;
  accounts: Map<string, OAccount>;
  contacts: Map<string, OContact>;
  deals: Map<string, ODeal>;
  activities: Map<string, OChild>;
  costs: Map<string, OChild>;
  orders: Map<string, OChild>;
  serviceCases: Map<string, OChild>;
  demoLoans: Map<string, OChild>;
  leads: Map<string, OLead>;
  quotes: Map<string, OQuote>;
  /** The people with a quarter target; a target is read like a record its person owns. */
  quotaHolders: Set<string>;
}

export function emptyModel(users: Map<string, OUser>): Model {
  return {
    users,
    accounts: new Map(),
    contacts: new Map(),
    deals: new Map(),
    activities: new Map(),
    costs: new Map(),
    orders: new Map(),
    serviceCases: new Map(),
    demoLoans: new Map(),
    leads: new Map(),
    quotes: new Map(),
    quotaHolders: new Set(),
  };
}

/**
 * What docs/permissions.md says a hand-over (without keeping team seats) does to this book: the
 * leaver's accounts, live deals, leads, orders, cases, loans and visits move, closed deals and orders
 * follow their moving account, contacts follow their account, costs stay; the leaver leaves every team.
 */
export function applyTransfer(model: Model, from: string, to: string): void {
  const move = (r: { ownerId: string; owners: Set<string> }) => {
    r.ownerId = to;
    r.owners.add(to);
  };
  for (const a of model.accounts.values()) {
    if (a.ownerId === from) {
      move(a);
      a.team.delete(to);
    }
    a.team.delete(from);
  }
  for (const c of model.contacts.values()) {
    if (c.ownerId === from && model.accounts.get(c.accountId)?.ownerId === to) move(c);
  }
  for (const d of model.deals.values()) {
    if (d.ownerId === from) {
      move(d);
      d.seats.delete(to);
    }
    d.seats.delete(from);
  }
  for (const kind of [model.activities, model.orders, model.serviceCases, model.demoLoans]) {
    for (const r of kind.values()) if (r.ownerId === from && r.moves) move(r);
  }
  for (const l of model.leads.values()) if (l.ownerId === from) move(l);
}

/** A customer as the oracle sees it: its account team, and the deal teams on it reading it. */
export function customerRecord(m: Model, accountId: string, ownerId?: string): ORecord {
  const a = m.accounts.get(accountId)!;
  const dealReaders = new Set<string>();
  for (const d of m.deals.values()) {
    if (d.accountId !== accountId) continue;
    dealReaders.add(d.ownerId);
    for (const member of d.seats.keys()) dealReaders.add(member);
  }
  return { id: accountId, ownerId: ownerId ?? a.ownerId, team: a.team, dealReaders };
}

export function dealRecord(m: Model, dealId: string): ORecord {
  const d = m.deals.get(dealId)!;
  return { id: d.id, ownerId: d.ownerId, team: d.seats };
}

/** A record hanging off a deal: the deal's team, with its owner's row, governs it. */
export function governedRecord(m: Model, ownerId: string, dealId: string): ORecord {
  const deal = dealRecord(m, dealId);
  return { id: dealId, ownerId, team: new Map([...deal.team, [deal.ownerId, 'edit' as Level]]) };
}

/** A lead's team is its owner's row alone: the owner and the people above them. */
export function leadRecord(m: Model, leadId: string): ORecord {
  const l = m.leads.get(leadId)!;
  return { id: l.id, ownerId: l.ownerId, team: new Map() };
}

export type FeedKind =
  | 'account'
  | 'contact'
  | 'opportunity'
  | 'activity'
  | 'cost'
  | 'order'
  | 'service_case'
  | 'demo_loan'
  | 'lead';

/** Every modelled record with the kind its events carry, its record now and the owners it had. */
export function feedRecords(
  m: Model,
): { kind: FeedKind; id: string; record: ORecord; owners: Set<string> }[] {
  const out: { kind: FeedKind; id: string; record: ORecord; owners: Set<string> }[] = [];
  for (const a of m.accounts.values())
    out.push({ kind: 'account', id: a.id, record: customerRecord(m, a.id), owners: a.owners });
  for (const c of m.contacts.values())
    out.push({
      kind: 'contact',
      id: c.id,
      record: customerRecord(m, c.accountId, c.ownerId),
      owners: c.owners,
    });
  for (const d of m.deals.values())
    out.push({ kind: 'opportunity', id: d.id, record: dealRecord(m, d.id), owners: d.owners });
  const children: [FeedKind, Map<string, OChild>][] = [
    ['activity', m.activities],
    ['cost', m.costs],
    ['order', m.orders],
    ['service_case', m.serviceCases],
    ['demo_loan', m.demoLoans],
  ];
  for (const [kind, map] of children)
    for (const r of map.values())
      out.push({ kind, id: r.id, record: governedRecord(m, r.ownerId, r.dealId), owners: r.owners });
  for (const l of m.leads.values())
    out.push({ kind: 'lead', id: l.id, record: leadRecord(m, l.id), owners: l.owners });
  return out;
}

/**
 * The change feed at record grain: an event carries the record's owner when it was written and is
 * judged against the governing team of now, so an actor sees some event of a record iff they read
 * it with any of the owners it has had.
 */
export function feedSees(
  users: ReadonlyMap<string, OUser>,
  actorId: string,
  r: ORecord,
  owners: Set<string>,
) {
  for (const owner of owners) if (oracleLevel(users, actorId, { ...r, ownerId: owner })) return true;
  return false;
}
