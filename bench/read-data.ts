/**
 * A sales company at scale, as tenant-export rows (imported in bulk through
 * `TenantStore.importRows`, not command by command): a 200-person org chart, `n` leads, deals,
 * activities and cost entries spread over two years among the reps, each record's owner row in
 * its team, a follow-up reminder per lead, a history event per activity, and one busy reviewed day
 * for the manager of fifty. Documents are copies of records the service made, so their size and
 * the projected columns are what a real tenant holds.
 */
import type { Activity, CostEntry, Lead, Opportunity, TenantRow, User } from '@gongfu/core';
import { teamKeyOf } from '@gongfu/core';
import type { RecordSpec } from '../packages/storage-sql/src/records/record-spec.js';
import { leadSpec, opportunitySpec } from '../packages/storage-sql/src/records/specs-deals.js';
import { activitySpec, costSpec } from '../packages/storage-sql/src/records/specs-operations.js';
import { userSpec } from '../packages/storage-sql/src/records/specs-parties.js';
import { TENANT_OWNED_TABLE_DEFS } from '../packages/storage-sql/src/stores/tenant-row-codec.js';

/** The columns a tenant row may name: projections added by later migrations are not among them. */
const IMPORTED = new Map(TENANT_OWNED_TABLE_DEFS.map((d) => [d.name, new Set(d.columns.map(([c]) => c))]));

export interface Templates {
  user: User;
  lead: Lead;
  opportunity: Opportunity;
  activity: Activity;
  cost: CostEntry;
}

export interface Org {
  admin: string;
  /** Heads the whole 200-person tree. */
  vp: string;
  /** Manages fifty reps (the morning review). */
  bigManager: string;
  /** Manages ten. */
  lineManager: string;
  reps: string[];
  repsOfBig: string[];
  size: number;
}

/** Everything a read-path bench needs to know about the generated tenant. */
export interface Dataset {
  org: Org;
  /** The reviewed day: the morning review is held the day after. */
  reviewDay: string;
  /** A lead with a history of several events. */
  historyLeadId: string;
  /** Costs and won deals fall inside [from, to). */
  period: { from: string; to: string };
}

const START = Date.UTC(2025, 0, 1);
const SPAN_DAYS = 720;
const DAY_MS = 86_400_000;
export const REVIEW_DAY = '2026-12-01';

/** A fixed-seed generator (mulberry32), so every run and both engines get the same data. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rowOf(
  // biome-ignore lint/suspicious/noExplicitAny: each spec is used with its own record type.
  spec: RecordSpec<any, any>,
  record: { id: string; version: number; createdAt: string; updatedAt: string },
) {
  const row: Record<string, unknown> = {
    id: record.id,
    version: record.version,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    owner_id: spec.ownerId(record),
    team_key: spec.teamKey(record),
    doc: record,
    ...spec.project(record),
  };
  const known = IMPORTED.get(spec.table);
  return { table: spec.table, row: Object.fromEntries(Object.entries(row).filter(([c]) => known?.has(c))) };
}

function buildOrg(tenantId: string, t: Templates): { org: Org; users: User[] } {
  const users: User[] = [];
  const add = (id: string, name: string, role: User['role'], managerId: string | null) => {
    users.push({
      ...t.user,
      tenantId,
      id,
      name,
      role,
      managerId,
      email: null,
      channel: role === 'sales_rep' ? 'key_account' : null,
    });
    return id;
  };
  const admin = add('u_admin', 'Admin', 'admin', null);
  const vp = add('u_vp', '销售副总', 'sales_manager', null);
  const bigManager = add('u_m0', '经理 0', 'sales_manager', vp);
  const repsOfBig = Array.from({ length: 50 }, (_, i) =>
    add(`u_r0_${i}`, `销售 0-${i}`, 'sales_rep', bigManager),
  );
  const reps = [...repsOfBig];
  let lineManager = '';
  for (let m = 1; users.length < 200; m++) {
    const manager = add(`u_m${m}`, `经理 ${m}`, 'sales_manager', vp);
    if (m === 1) lineManager = manager;
    for (let i = 0; i < 10 && users.length < 200; i++)
      reps.push(add(`u_r${m}_${i}`, `销售 ${m}-${i}`, 'sales_rep', manager));
  }
  return { org: { admin, vp, bigManager, lineManager, reps, repsOfBig, size: users.length }, users };
}

/**
 * How many rows `tenantRows` yields for `n` records per kind and an org of `orgSize`: the users,
 * n each of leads, deals, activities and costs, 3n owner rows, n reminders, and n + 12 history
 * events. (The read-path bench used to count 8n: without the history rows, 11 % too few rows/s.)
 */
export const tenantRowCount = (n: number, orgSize: number): number => orgSize + 9 * n + 12;

/** The rows of the tenant, in export order (users, leads, opportunities, activities, costs, …). */
export function* tenantRows(
  tenantId: string,
  n: number,
  t: Templates,
  out: { dataset?: Dataset },
): Generator<TenantRow> {
  const { org, users } = buildOrg(tenantId, t);
  const rnd = random(20261201);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const at = (day: number, ms = Math.floor(rnd() * DAY_MS)) =>
    new Date(START + day * DAY_MS + ms).toISOString();
  const dayOf = () => Math.floor(rnd() * SPAN_DAYS);
  const reviewDayIndex = (Date.parse(REVIEW_DAY) - START) / DAY_MS;
  out.dataset = {
    org,
    reviewDay: REVIEW_DAY,
    historyLeadId: 'lead_0',
    period: { from: '2025-07-01', to: '2026-07-01' },
  };
  // Owners as indexes into org.reps (≤ 200 people) and times as numbers: at 1M records a Map of
  // id strings and an array of 3M team rows held ~1 GiB; these hold ~11 MB.
  const pickRep = () => Math.floor(rnd() * org.reps.length);
  const repOf = (i: number) => org.reps[i] as string;
  const leadOwners = new Uint8Array(n);
  const dealOwners = new Uint8Array(n);
  const activityOwners = new Uint8Array(n);
  const activityTimes = new Float64Array(n);

  for (const u of users)
    yield rowOf(userSpec, { ...u, version: 1, createdAt: at(0, 0), updatedAt: at(0, 0) });

  const ownerRow = (key: string, userId: string): TenantRow => ({
    table: 'team_members',
    row: { team_key: key, user_id: userId, role: 'sales', access: 'edit', is_owner: true },
  });
  const statuses: Lead['status'][] = ['new', 'working', 'qualified', 'nurture', 'disqualified'];
  for (let i = 0; i < n; i++) {
    const owner = pickRep();
    const ownerId = repOf(owner);
    const created = at(dayOf());
    const lead: Lead = {
      ...t.lead,
      tenantId,
      id: `lead_${i}`,
      version: 1,
      createdAt: created,
      updatedAt: created,
      receivedAt: created,
      company: `${t.lead.company} ${i}`,
      ownerId,
      status: pick(statuses),
    };
    leadOwners[i] = owner;
    yield rowOf(leadSpec, lead);
  }
  const stages = ['qualification', 'needs_analysis', 'solution', 'proposal', 'negotiation', 'won', 'lost'];
  for (let i = 0; i < n; i++) {
    const owner = pickRep();
    const ownerId = repOf(owner);
    const created = at(dayOf());
    const stage = pick(stages);
    const closed = stage === 'won' || stage === 'lost' ? at(dayOf()) : null;
    const deal: Opportunity = {
      ...t.opportunity,
      tenantId,
      id: `opp_${i}`,
      version: 1,
      createdAt: created,
      updatedAt: created,
      name: `${t.opportunity.name} ${i}`,
      ownerId,
      stage,
      closedAt: closed,
      amount: { amount: 1000_00 + Math.floor(rnd() * 500_000_00), currency: 'CNY' },
      leadId: null,
    };
    dealOwners[i] = owner;
    yield rowOf(opportunitySpec, deal);
  }
  const activityOf = (i: number, ownerId: string, start: string): Activity => ({
    ...t.activity,
    tenantId,
    id: `act_${i}`,
    version: 1,
    createdAt: start,
    updatedAt: start,
    startAt: start,
    endAt: start,
    completedAt: start,
    status: 'completed',
    ownerId,
    leadId: null,
    opportunityId: null,
    accountId: null,
  });
  // The reviewed day: six activities for each of the fifty (the rest spread over two years).
  const busy = org.repsOfBig.length * 6;
  for (let i = 0; i < n; i++) {
    // org.reps begins with the fifty of the big manager.
    const owner = i < busy ? i % org.repsOfBig.length : pickRep();
    const ownerId = repOf(owner);
    const start = i < busy ? at(reviewDayIndex - 1, 1 * 3600_000 + (i % 6) * 3600_000) : at(dayOf());
    const activity = activityOf(i, ownerId, start);
    activityOwners[i] = owner;
    activityTimes[i] = Date.parse(start);
    yield rowOf(activitySpec, activity);
  }
  const categories: CostEntry['category'][] = [
    'travel',
    'entertainment',
    'samples_demo_units',
    'bid_fees',
    'other',
  ];
  for (let i = 0; i < n; i++) {
    const ownerId = pick(org.reps);
    const day = at(dayOf());
    const cost: CostEntry = {
      ...t.cost,
      tenantId,
      id: `cost_${i}`,
      version: 1,
      createdAt: day,
      updatedAt: day,
      incurredOn: day.slice(0, 10),
      incurredBy: ownerId,
      category: pick(categories),
      amount: { amount: 100_00 + Math.floor(rnd() * 20_000_00), currency: 'CNY' },
      opportunityId: null,
      accountId: null,
      leadId: null,
    };
    yield rowOf(costSpec, cost);
  }
  // The owner rows in team-key order (act_… < lead_… < opp_…, each by its number as text), made
  // as they are yielded instead of sorted in memory.
  for (const i of textOrder(n))
    yield ownerRow(
      teamKeyOf({ kind: 'activity', id: `act_${i}`, opportunityId: null, leadId: null, accountId: null }),
      repOf(activityOwners[i] as number),
    );
  for (const i of textOrder(n)) yield ownerRow(`lead_${i}`, repOf(leadOwners[i] as number));
  for (const i of textOrder(n)) yield ownerRow(`opp_${i}`, repOf(dealOwners[i] as number));
  for (let i = 0; i < n; i++) {
    const ownerId = repOf(leadOwners[i] as number);
    const due = at(dayOf());
    yield {
      table: 'reminders',
      row: {
        id: `rem_${i}`,
        key: `lead_follow_up:lead_${i}`,
        kind: 'lead_follow_up',
        subject_type: 'lead',
        subject_id: `lead_${i}`,
        user_id: ownerId,
        due_at: due,
        escalate_at: null,
        message: `No contact with ${t.lead.company} ${i} for 3 days — follow up`,
        acknowledged_at: rnd() < 0.7 ? due : null,
        snoozed_until: null,
        delivered_at: null,
        escalated_at: null,
        version: 1,
        claimed_by: null,
        claim_expires_at: null,
      },
    };
  }
  let seq = 0;
  const event = (type: string, id: string, name: string, actor: string, when: string, version: number) => ({
    table: 'history_events',
    row: {
      seq: ++seq,
      entity_type: type,
      entity_id: id,
      event: name,
      actor_id: actor,
      at: when,
      version,
      changes: { status: { from: null, to: 'completed' } },
      meta: null,
    },
  });
  // A lead with a history of twelve events, then one event per activity.
  for (let v = 1; v <= 12; v++)
    yield event(
      'lead',
      'lead_0',
      v === 1 ? 'lead.captured' : 'lead.updated',
      repOf(leadOwners[0] as number),
      at(v),
      v,
    );
  for (let i = 0; i < n; i++) {
    const when = new Date(activityTimes[i] as number).toISOString();
    yield event('activity', `act_${i}`, 'activity.logged', repOf(activityOwners[i] as number), when, 1);
  }
}

/** 0 … n-1 in the order of their decimal text ("0", "1", "10", "100", …, "2", …). */
export function* textOrder(n: number): Generator<number> {
  if (n <= 0) return;
  yield 0;
  let cur = 1;
  for (let k = 1; k < n; k++) {
    yield cur;
    if (cur * 10 < n) cur *= 10;
    else {
      if (cur + 1 >= n) cur = Math.floor(cur / 10);
      cur++;
      while (cur % 10 === 0) cur /= 10;
    }
  }
}
