import type { CrmStorage, OrgUser, User } from '@gongfu/core';
import { type Crm, createCrm, hiddenRecordText, isCrmError, ManualClock, sequentialIds } from '@gongfu/core';
import { orgUsersArbitrary } from '@gongfu/core/testing';
import type { StorageFactory } from '@gongfu/service-suites';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costRollup } from '../../src/index.js';

/*
 * Issue 11's generated leak suite: random org trees (managers, reps, presales and service
 * engineers, some gone), customers with account teams and deals with deal teams at both levels,
 * the owner's visit and cost and a team member's own cost on each deal, and hand-overs interleaved.
 * For every active actor and every read path, what the service answers must equal a pure oracle
 * written from docs/permissions.md — including the labels of the cost rollup.
 */

const RUNS = Number(process.env.GONGFU_LEAK_RUNS ?? 4);
const MAX_USERS = Number(process.env.GONGFU_LEAK_USERS ?? 7);
const START = '2026-03-02T01:00:00.000Z';

type Level = 'read' | 'edit';
interface Seat {
  user: number;
  access: Level;
}
interface DealPlan {
  owner: number;
  accountTeam: Seat[];
  dealTeam: Seat[];
  /** A deal member who logs their own cost (index into dealTeam), if any. */
  memberCost: number | null;
}
interface Scenario {
  users: OrgUser[];
  deals: DealPlan[];
  /** Hand-overs after the book is built: from → to, by the administrator. */
  transfers: { from: number; to: number }[];
}

const seatArb = (n: number) =>
  fc.record({ user: fc.nat(n - 1), access: fc.constantFrom<Level>('read', 'edit') });

const scenarioArb: fc.Arbitrary<Scenario> = orgUsersArbitrary(MAX_USERS).chain((users) => {
  const n = users.length;
  return fc.record({
    users: fc.constant(users),
    deals: fc.array(
      fc.record({
        owner: fc.nat(n - 1),
        accountTeam: fc.uniqueArray(seatArb(n), { selector: (s) => s.user, maxLength: 2 }),
        dealTeam: fc.uniqueArray(seatArb(n), { selector: (s) => s.user, maxLength: 3 }),
        memberCost: fc.option(fc.nat(2)),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    transfers: fc.array(fc.record({ from: fc.nat(n - 1), to: fc.nat(n - 1) }), { maxLength: 2 }),
  });
});

// ---- The oracle: docs/permissions.md as plain functions over plain data. ----

interface OUser {
  id: string;
  role: string;
  managerId: string | null;
  active: boolean;
}
interface ORecord {
  id: string;
  ownerId: string;
  /** The governing team (owner row excluded), `userId → level`. */
  team: Map<string, Level>;
  /** On a customer: everyone on the team of a deal on it (owners too); they and their managers read it. */
  dealReaders?: ReadonlySet<string>;
}

function above(users: Map<string, OUser>, manager: string, user: string): boolean {
  for (let m = users.get(user)?.managerId ?? null; m !== null; m = users.get(m)?.managerId ?? null) {
    if (m === manager) return true;
  }
  return false;
}

/** `null`: cannot read; otherwise the best level. */
function oracleLevel(users: Map<string, OUser>, actorId: string, r: ORecord): Level | null {
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

// ---- Building the world through the public API, and the model beside it. ----

interface World {
  crm: Crm;
  root: User;
  ids: string[];
  model: {
    users: Map<string, OUser>;
    accounts: Map<string, ORecord & { name: string }>;
    contacts: Map<string, { id: string; accountId: string; ownerId: string }>;
    deals: Map<
      string,
      { id: string; ownerId: string; accountId: string; name: string; seats: Map<string, Level> }
    >;
    activities: Map<string, { id: string; ownerId: string; dealId: string }>;
    costs: Map<string, { id: string; incurredBy: string; dealId: string }>;
  };
}

let tenantCounter = 0;

async function build(storage: CrmStorage, s: Scenario): Promise<World> {
  const tenant = `leak${Date.now().toString(36)}${(tenantCounter++).toString(36)}`;
  await storage.tenants.create({ id: tenant, name: tenant, createdAt: START });
  const crm = createCrm({
    storage,
    tenant,
    clock: new ManualClock(START),
    ids: sequentialIds(),
    timeZone: 'Asia/Shanghai',
  });
  const root = await crm.users.create(crm.system, { name: 'root', role: 'admin' });
  const ids: string[] = [];
  const users = new Map<string, OUser>([[root.id, { ...root, active: true }]]);
  for (const [i, u] of s.users.entries()) {
    const managerId = u.managerId === null ? null : ids[Number(u.managerId.slice(1))]!;
    const made = await crm.users.create(root, { name: `用户${i}`, role: u.role, managerId });
    ids.push(made.id);
    users.set(made.id, { id: made.id, role: u.role, managerId, active: true });
  }
  const model: World['model'] = {
    users,
    accounts: new Map(),
    contacts: new Map(),
    deals: new Map(),
    activities: new Map(),
    costs: new Map(),
  };
  const isActive = (i: number) => s.users[i]?.active === true;
  for (const [d, plan] of s.deals.entries()) {
    if (!isActive(plan.owner)) continue;
    const owner = { id: ids[plan.owner]! };
    const name = `客户${d}号`;
    const account = await crm.accounts.create(owner, { name, kind: 'end_user' });
    const accountTeam = new Map<string, Level>();
    for (const seat of plan.accountTeam) {
      if (seat.user === plan.owner || !isActive(seat.user)) continue;
      await crm.accounts.addTeamMember(owner, account.id, {
        userId: ids[seat.user]!,
        role: 'sales',
        access: seat.access,
      });
      accountTeam.set(ids[seat.user]!, seat.access);
    }
    model.accounts.set(account.id, { id: account.id, ownerId: owner.id, team: accountTeam, name });
    const contact = await crm.contacts.create(owner, { accountId: account.id, name: `联系人${d}` });
    model.contacts.set(contact.id, { id: contact.id, accountId: account.id, ownerId: owner.id });
    const team = plan.dealTeam.filter((t) => t.user !== plan.owner && isActive(t.user));
    const dealName = `项目${d}号`;
    const deal = await crm.opportunities.create(owner, {
      name: dealName,
      accountId: account.id,
      channel: 'key_account',
      team: team.map((t) => ({ userId: ids[t.user]!, role: 'presales' as const, access: t.access })),
    });
    model.deals.set(deal.id, {
      id: deal.id,
      ownerId: owner.id,
      accountId: account.id,
      name: dealName,
      seats: new Map(team.map((t) => [ids[t.user]!, t.access])),
    });
    const visit = await crm.activities.schedule(owner, {
      kind: 'visit',
      subject: `拜访${d}`,
      startAt: '2026-03-10T02:00:00Z',
      opportunityId: deal.id,
    });
    model.activities.set(visit.id, { id: visit.id, ownerId: owner.id, dealId: deal.id });
    const cost = await crm.costs.record(owner, {
      category: 'travel',
      amount: { amount: 100_00, currency: 'CNY' },
      incurredOn: '2026-03-02',
      opportunityId: deal.id,
    });
    model.costs.set(cost.id, { id: cost.id, incurredBy: owner.id, dealId: deal.id });
    const member = plan.memberCost === null ? undefined : team[plan.memberCost];
    if (member) {
      // Rule 5: a read-level member books their own cost on a deal they can see.
      const own = await crm.costs.record(
        { id: ids[member.user]! },
        {
          category: 'entertainment',
          amount: { amount: 50_00, currency: 'CNY' },
          incurredOn: '2026-03-02',
          opportunityId: deal.id,
        },
      );
      model.costs.set(own.id, { id: own.id, incurredBy: ids[member.user]!, dealId: deal.id });
    }
  }
  for (const t of s.transfers) {
    if (t.from === t.to || !isActive(t.to)) continue;
    const from = ids[t.from]!;
    const to = ids[t.to]!;
    await crm.ownership.transfer(root, { from, to, options: { keepDealTeams: false } });
    applyTransfer(model, from, to);
  }
  for (const [i, u] of s.users.entries()) {
    if (u.active) continue;
    await crm.users.deactivate(root, ids[i]!);
    model.users.get(ids[i]!)!.active = false;
  }
  return { crm, root, ids, model };
}

/** What docs/permissions.md says a transfer (without keeping team seats) does to this book. */
function applyTransfer(model: World['model'], from: string, to: string): void {
  for (const a of model.accounts.values()) {
    if (a.ownerId === from) {
      a.ownerId = to;
      a.team.delete(to);
    }
    a.team.delete(from);
  }
  for (const c of model.contacts.values()) {
    if (c.ownerId === from && model.accounts.get(c.accountId)?.ownerId === to) c.ownerId = to;
  }
  for (const d of model.deals.values()) {
    if (d.ownerId === from) {
      d.ownerId = to;
      d.seats.delete(to);
    }
    d.seats.delete(from);
  }
  for (const a of model.activities.values()) if (a.ownerId === from) a.ownerId = to;
}

/** A customer as the oracle sees it: its account team, and the deal teams on it reading it. */
const customerRecord = (m: World['model'], accountId: string, ownerId?: string): ORecord => {
  const a = m.accounts.get(accountId)!;
  const dealReaders = new Set<string>();
  for (const d of m.deals.values()) {
    if (d.accountId !== accountId) continue;
    dealReaders.add(d.ownerId);
    for (const member of d.seats.keys()) dealReaders.add(member);
  }
  return { id: accountId, ownerId: ownerId ?? a.ownerId, team: a.team, dealReaders };
};

const dealRecord = (m: World['model'], dealId: string): ORecord => {
  const d = m.deals.get(dealId)!;
  return { id: d.id, ownerId: d.ownerId, team: d.seats };
};

async function outcome<T>(p: Promise<T>): Promise<T | string> {
  try {
    return await p;
  } catch (e) {
    if (isCrmError(e)) return e.code;
    throw e;
  }
}

/** Every read path for every actor against the oracle; returns how many (actor, path) pairs it checked. */
async function checkAll(w: World): Promise<number> {
  const { crm, model } = w;
  let checks = 0;
  const actors = [...model.users.values()];
  for (const actor of actors) {
    const who = { id: actor.id };
    if (!actor.active) {
      expect(await outcome(crm.opportunities.list(who))).toBe('PERMISSION_DENIED');
      checks++;
      continue;
    }
    const sees = (r: ORecord) => oracleLevel(model.users, actor.id, r);
    // Deals: get, list, history, explain.
    const expectedDeals = [...model.deals.values()]
      .filter((d) => sees(dealRecord(model, d.id)))
      .map((d) => d.id);
    const listed = (await crm.opportunities.list(who, { limit: 200 })).items.map((d) => d.id);
    expect(new Set(listed)).toEqual(new Set(expectedDeals));
    checks++;
    for (const d of model.deals.values()) {
      const level = sees(dealRecord(model, d.id));
      const got = await outcome(crm.opportunities.get(who, d.id));
      expect(typeof got === 'string' ? got : 'OK').toBe(level ? 'OK' : 'NOT_FOUND');
      const history = await outcome(crm.history.forRecord(who, 'opportunity', d.id));
      expect(typeof history === 'string' ? history : 'OK').toBe(level ? 'OK' : 'NOT_FOUND');
      const why = await outcome(crm.access.explain(who, 'opportunity', d.id));
      if (level === null) expect(why).toBe('NOT_FOUND');
      else expect(why).toMatchObject({ canRead: true, canEdit: level === 'edit' });
      checks += 3;
    }
    // Accounts and contacts: get, list, search, explain (deal teams read the customer).
    const seesCustomer = (accountId: string, ownerId?: string) =>
      sees(customerRecord(model, accountId, ownerId));
    const expectedAccounts = [...model.accounts.values()].filter((a) => seesCustomer(a.id)).map((a) => a.id);
    expect(new Set((await crm.accounts.list(who, { limit: 200 })).items.map((a) => a.id))).toEqual(
      new Set(expectedAccounts),
    );
    expect(new Set((await crm.accounts.search(who, { query: '客户' })).map((a) => a.id))).toEqual(
      new Set(expectedAccounts),
    );
    checks += 2;
    for (const a of model.accounts.values()) {
      const level = seesCustomer(a.id);
      const got = await outcome(crm.accounts.get(who, a.id));
      expect(typeof got === 'string' ? got : 'OK').toBe(level ? 'OK' : 'NOT_FOUND');
      const why = await outcome(crm.access.explain(who, 'account', a.id));
      if (level === null) expect(why).toBe('NOT_FOUND');
      else expect(why).toMatchObject({ canRead: true, canEdit: level === 'edit' });
      checks += 2;
    }
    for (const c of model.contacts.values()) {
      const account = model.accounts.get(c.accountId)!;
      const level = seesCustomer(c.accountId, c.ownerId);
      const got = await outcome(crm.contacts.get(who, c.id));
      expect(typeof got === 'string' ? got : 'OK').toBe(level ? 'OK' : 'NOT_FOUND');
      if (typeof got !== 'string') expect(got.ownerId).toBe(account.ownerId);
      checks++;
    }
    const foundContacts = (await crm.contacts.search(who, { query: '联系人' })).map((c) => c.id);
    const expectedContacts = [...model.contacts.values()]
      .filter((c) => seesCustomer(c.accountId, c.ownerId))
      .map((c) => c.id);
    expect(new Set(foundContacts)).toEqual(new Set(expectedContacts));
    checks++;
    // Activities and costs hang off the deal: its team (with the owner's row) governs them.
    const governed = (ownerId: string, dealId: string): ORecord => {
      const deal = dealRecord(model, dealId);
      return { id: dealId, ownerId, team: new Map([...deal.team, [deal.ownerId, 'edit' as Level]]) };
    };
    const expectedActivities = [...model.activities.values()]
      .filter((a) => sees(governed(a.ownerId, a.dealId)))
      .map((a) => a.id);
    expect(new Set((await crm.activities.list(who, { limit: 200 })).items.map((a) => a.id))).toEqual(
      new Set(expectedActivities),
    );
    const visibleCosts = [...model.costs.values()].filter((c) => sees(governed(c.incurredBy, c.dealId)));
    expect(new Set((await crm.costs.list(who, { limit: 200 })).items.map((c) => c.id))).toEqual(
      new Set(visibleCosts.map((c) => c.id)),
    );
    checks += 2;
    // The cost rollup: one row per deal of a visible cost, named only when the deal is visible.
    const rollup = await costRollup(crm, who, { by: 'opportunity', from: '2026-03-01', to: '2026-03-31' });
    const labels = new Map(rollup.rows.map((r) => [r.key, r.label]));
    const expectedLabels = new Map(
      visibleCosts.map((c) => [
        c.dealId,
        sees(dealRecord(model, c.dealId))
          ? model.deals.get(c.dealId)!.name
          : hiddenRecordText('opportunity', c.dealId),
      ]),
    );
    expect(labels).toEqual(expectedLabels);
    checks++;
    // Texts: nothing the actor receives names a customer or deal they cannot open.
    const hiddenNames = [
      ...[...model.accounts.values()].filter((a) => !seesCustomer(a.id)).map((a) => a.name),
      ...[...model.deals.values()].filter((d) => !sees(dealRecord(model, d.id))).map((d) => d.name),
    ];
    const texts = JSON.stringify([
      await crm.reminders.due(who, { at: '2026-03-10T02:00:00.000Z' }),
      await crm.activities.calendar(who, { view: 'week', date: '2026-03-10', userId: 'team' }),
      rollup,
    ]);
    for (const name of hiddenNames) expect(texts).not.toContain(name);
    checks += 3;
  }
  return checks;
}

export function describeLeakSuite(makeStorage: StorageFactory, engine: string): void {
  describe(`generated leak suite (${engine})`, () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(() => storage.close());

    it('every actor × read path equals the oracle from docs/permissions.md, with hand-overs interleaved', async () => {
      let checks = 0;
      let worlds = 0;
      await fc.assert(
        fc.asyncProperty(scenarioArb, async (s) => {
          const w = await build(storage, s);
          checks += await checkAll(w);
          worlds++;
        }),
        {
          numRuns: RUNS,
          seed: process.env.GONGFU_LEAK_SEED ? Number(process.env.GONGFU_LEAK_SEED) : undefined,
        },
      );
      // Every mismatch fails the property, so reaching here means leaks = 0.
      console.log(`leak suite (${engine}): ${worlds} worlds, actors × paths checked = ${checks}, leaks = 0`);
      expect(checks).toBeGreaterThan(0);
    });
  });
}
