import type { CrmStorage, OrgUser, User } from '@gongfu/core';
import { type Crm, createCrm, ManualClock, sequentialIds } from '@gongfu/core';
import { orgUsersArbitrary } from '@gongfu/core/testing';
import fc from 'fast-check';
import {
  applyTransfer,
  customerRecord,
  emptyModel,
  type Level,
  type Model,
  type OUser,
  oracleLevel,
} from './leak-oracle.js';

/*
 * The leak suite's generated worlds: random org trees (managers, reps, presales and service
 * engineers, some gone), customers with account teams and deals with deal teams at both levels; on
 * each deal the owner's visit and cost and a team member's own cost, leads with quotes by several
 * people who read the customer, and on some deals a win with its delivered order, a service case
 * and a demo loan; then hand-overs interleaved. Built through the public API, with the oracle's
 * model kept beside it.
 */

export const LEAK_RUNS = Number(process.env.GONGFU_LEAK_RUNS ?? 4);
const MAX_USERS = Number(process.env.GONGFU_LEAK_USERS ?? 7);
export const START = '2026-03-02T01:00:00.000Z';
/** The day the world is read on: the morning after it was built. */
export const REVIEW_DAY = '2026-03-03';

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
  /**
   * People besides the account team who capture a lead on the customer and quote it (kept when they
   * may read the customer); the account team's members always quote.
   */
  quoters: number[];
  /** The deal is won, ordered, delivered and gets a service case. */
  won: boolean;
  /** The owner lends a demo unit to the customer for this deal. */
  loan: boolean;
  /**
   * Someone who reads the customer (by then) opens a second deal on it, `项目<d>-2号`: the two share
   * the customer's blocking keys, so the duplicate reads have a pair to show or keep back.
   */
  twin: number | null;
  /** After the quotes, the owner empties the account team, and with `all` the deal team too. */
  unseat: 'none' | 'account' | 'all';
}
export interface Scenario {
  users: OrgUser[];
  deals: DealPlan[];
  /** Hand-overs after the book is built: from → to, by the administrator. */
  transfers: { from: number; to: number }[];
}

const seatArb = (n: number) =>
  fc.record({ user: fc.nat(n - 1), access: fc.constantFrom<Level>('read', 'edit') });

export const scenarioArb: fc.Arbitrary<Scenario> = orgUsersArbitrary(MAX_USERS).chain((users) => {
  const n = users.length;
  return fc.record({
    users: fc.constant(users),
    deals: fc.array(
      fc.record({
        owner: fc.nat(n - 1),
        accountTeam: fc.uniqueArray(seatArb(n), { selector: (s) => s.user, maxLength: 3 }),
        dealTeam: fc.uniqueArray(seatArb(n), { selector: (s) => s.user, maxLength: 3 }),
        memberCost: fc.option(fc.nat(2)),
        quoters: fc.uniqueArray(fc.nat(n - 1), { maxLength: 2 }),
        won: fc.boolean(),
        loan: fc.boolean(),
        twin: fc.option(fc.nat(n - 1)),
        unseat: fc.constantFrom<DealPlan['unseat']>('none', 'account', 'all'),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    transfers: fc.array(fc.record({ from: fc.nat(n - 1), to: fc.nat(n - 1) }), { maxLength: 2 }),
  });
});

export interface World {
  crm: Crm;
  storage: CrmStorage;
  root: User;
  ids: string[];
  model: Model;
}

const cny = (amount: number) => ({ amount, currency: 'CNY' });
let tenantCounter = 0;

export async function buildWorld(storage: CrmStorage, s: Scenario): Promise<World> {
  const tenant = `leak${Date.now().toString(36)}${(tenantCounter++).toString(36)}`;
  await storage.tenants.create({ id: tenant, name: tenant, createdAt: START });
  const clock = new ManualClock(START);
  const crm = createCrm({ storage, tenant, clock, ids: sequentialIds(), timeZone: 'Asia/Shanghai' });
  const root = await crm.users.create(crm.system, { name: 'root', role: 'admin' });
  const ids: string[] = [];
  const users = new Map<string, OUser>([[root.id, { ...root, active: true }]]);
  for (const [i, u] of s.users.entries()) {
    const managerId = u.managerId === null ? null : ids[Number(u.managerId.slice(1))]!;
    const name = `用户${i}`;
    const made = await crm.users.create(root, { name, role: u.role, managerId });
    ids.push(made.id);
    users.set(made.id, { id: made.id, name, role: u.role, managerId, active: true });
  }
  const model = emptyModel(users);
  // Every person's quarter target, set by the administrator: the attainment report's rows.
  for (const id of ids) {
    await crm.quotas.set(root, { userId: id, period: '2026-Q1', target: cny(1_000_00) });
    model.quotaHolders.add(id);
  }
  const isActive = (i: number) => s.users[i]?.active === true;
  let quoteNo = 0;
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
    model.accounts.set(account.id, {
      id: account.id,
      ownerId: owner.id,
      team: accountTeam,
      name,
      owners: new Set([owner.id]),
    });
    const contactName = `联系人${d}号`;
    const contact = await crm.contacts.create(owner, { accountId: account.id, name: contactName });
    model.contacts.set(contact.id, {
      id: contact.id,
      name: contactName,
      accountId: account.id,
      ownerId: owner.id,
      owners: new Set([owner.id]),
    });
    const team = plan.dealTeam.filter((t) => t.user !== plan.owner && isActive(t.user));
    const dealName = `项目${d}号`;
    const deal = await crm.opportunities.create(owner, {
      name: dealName,
      accountId: account.id,
      // Distribution deals win without gates; key-account wins need a presales engineer seated.
      channel: plan.won ? 'distribution' : 'key_account',
      team: team.map((t) => ({ userId: ids[t.user]!, role: 'presales' as const, access: t.access })),
      ...(plan.won
        ? { lines: [{ sku: 'LS2208', freeText: true, quantity: 2, unitPrice: cny(100_00) }] }
        : {}),
    });
    model.deals.set(deal.id, {
      id: deal.id,
      ownerId: owner.id,
      accountId: account.id,
      name: dealName,
      seats: new Map(team.map((t) => [ids[t.user]!, t.access])),
      owners: new Set([owner.id]),
      open: !plan.won,
    });
    const child = (id: string, ownerId: string, moves = true) => ({
      id,
      ownerId,
      dealId: deal.id,
      accountId: account.id,
      owners: new Set([ownerId]),
      moves,
    });
    const visit = await crm.activities.schedule(owner, {
      kind: 'visit',
      subject: `拜访${d}`,
      startAt: '2026-03-10T02:00:00Z',
      opportunityId: deal.id,
    });
    model.activities.set(visit.id, child(visit.id, owner.id));
    const cost = await crm.costs.record(owner, {
      category: 'travel',
      amount: cny(100_00),
      incurredOn: '2026-03-02',
      opportunityId: deal.id,
    });
    model.costs.set(cost.id, child(cost.id, owner.id, false));
    const member = plan.memberCost === null ? undefined : team[plan.memberCost];
    if (member) {
      // Rule 5: a read-level member books their own cost on a deal they can see.
      const own = await crm.costs.record(
        { id: ids[member.user]! },
        { category: 'entertainment', amount: cny(50_00), incurredOn: '2026-03-02', opportunityId: deal.id },
      );
      model.costs.set(own.id, child(own.id, ids[member.user]!, false));
    }
    // Quotes by several people on one customer: each on a lead of their own, a price of their own.
    const quoters = [...new Set([...plan.accountTeam.map((seat) => seat.user), ...plan.quoters])];
    for (const [q, quoter] of quoters.entries()) {
      const quoterId = ids[quoter]!;
      if (!isActive(quoter) || !oracleLevel(users, quoterId, customerRecord(model, account.id))) continue;
      const company = `询价方${d}-${q}号`;
      const lead = await crm.leads.capture(
        { id: quoterId },
        {
          source: 'inbound_call',
          receivedAt: START,
          company,
          contact: { name: `询价人${d}-${q}` },
          channel: 'key_account',
          accountId: account.id,
        },
      );
      model.leads.set(lead.id, {
        id: lead.id,
        company,
        ownerId: quoterId,
        accountId: account.id,
        owners: new Set([quoterId]),
      });
      clock.advance(60_000);
      const price = (100 + q) * 100;
      const entry = await crm.leads.quote({ id: quoterId }, lead.id, {
        sku: 'LS2208',
        freeText: true,
        quantity: 10,
        unitPrice: cny(price),
        validUntil: '2026-04-30',
      });
      model.quotes.set(entry.id, {
        id: entry.id,
        leadId: lead.id,
        accountId: account.id,
        quotedBy: quoterId,
        price,
        n: quoteNo++,
      });
    }
    if (plan.twin !== null && isActive(plan.twin)) {
      const twinOwner = ids[plan.twin]!;
      if (oracleLevel(users, twinOwner, customerRecord(model, account.id))) {
        // Not a name containing the first deal's (nor contained in it): the hidden-name checks match text.
        const twinName = `项目${d}-2号`;
        const twin = await crm.opportunities.create(
          { id: twinOwner },
          { name: twinName, accountId: account.id, channel: 'key_account' },
        );
        model.deals.set(twin.id, {
          id: twin.id,
          ownerId: twinOwner,
          accountId: account.id,
          name: twinName,
          seats: new Map(),
          owners: new Set([twinOwner]),
          open: true,
        });
      }
    }
    if (plan.unseat !== 'none') {
      // Seats taken away: what was read through them (the customer behind a quote, its events) goes too.
      for (const userId of [...accountTeam.keys()]) {
        await crm.accounts.removeTeamMember(owner, account.id, userId);
        accountTeam.delete(userId);
      }
      for (const seat of plan.unseat === 'all' ? team : []) {
        await crm.opportunities.removeTeamMember(owner, deal.id, ids[seat.user]!);
        model.deals.get(deal.id)!.seats.delete(ids[seat.user]!);
      }
    }
    if (plan.won) {
      await crm.opportunities.win(owner, deal.id);
      const draft = await crm.orders.createFromOpportunity(owner, deal.id, { warrantyMonths: 12 });
      await crm.orders.confirm(owner, draft.id);
      await crm.orders.ship(owner, draft.id, {
        lines: draft.lines.map((l) => ({
          lineId: l.id,
          quantity: l.quantity,
          serials: [`SN${d}-1`, `SN${d}-2`],
        })),
      });
      const order = await crm.orders.deliver(owner, draft.id);
      model.orders.set(order.id, child(order.id, owner.id));
      const sc = await crm.serviceCases.open(owner, {
        orderId: order.id,
        kind: 'repair',
        summary: `维修${d}`,
      });
      model.serviceCases.set(sc.id, child(sc.id, owner.id));
    }
    if (plan.loan) {
      const loan = await crm.demoLoans.lend(owner, {
        sku: 'DEMO-1',
        freeText: true,
        serial: `DEMO${d}`,
        accountId: account.id,
        opportunityId: deal.id,
        dueBack: '2026-03-20',
      });
      model.demoLoans.set(loan.id, child(loan.id, owner.id));
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
  // The reports read "yesterday": move to the review morning.
  clock.advanceDays(1);
  return { crm, storage, root, ids, model };
}
