import type { Crm, EntityType } from '@gongfu/core';
import { isCrmError } from '@gongfu/core';
import { expect } from 'vitest';
import {
  type AnyRecord,
  type MOpportunity,
  type Model,
  type ModelKind,
  mayRead,
} from './model-based-model.js';
import type { ModelWorld } from './model-based-world.js';

type Row = { id: string; version: number } & Record<string, unknown>;
interface KindSpec {
  kind: ModelKind;
  records(m: Model): AnyRecord[];
  list(crm: Crm, actor: string): Promise<{ items: Row[] }>;
  get(crm: Crm, actor: string, id: string): Promise<Row>;
  /** The fields the model knows, from a stored row (`project`) and from the model (`expected`). */
  project(row: Row): unknown;
  expected(r: AnyRecord): unknown;
}

const all = { limit: 500 };
const teamKey = (team: readonly { userId: string; role: string; access: string }[]) =>
  team.map((g) => `${g.userId}:${g.role}:${g.access}`).sort();

const KINDS: KindSpec[] = [
  {
    kind: 'lead',
    records: (m) => m.leads,
    list: (crm, a) => crm.leads.list(a, all) as never,
    get: (crm, a, id) => crm.leads.get(a, id) as never,
    project: (r) => ({ id: r.id, ownerId: r.ownerId, status: r.status, version: r.version }),
    expected: (r) => ({
      id: r.id,
      ownerId: r.ownerId,
      status: (r as unknown as Row).status,
      version: r.version,
    }),
  },
  {
    kind: 'opportunity',
    records: (m) => m.opportunities,
    list: (crm, a) => crm.opportunities.list(a, all) as never,
    get: (crm, a, id) => crm.opportunities.get(a, id) as never,
    project: (r) => ({
      id: r.id,
      ownerId: r.ownerId,
      stage: r.stage,
      version: r.version,
      team: teamKey(r.team as MOpportunity['team']),
      lines: (r.lines as unknown[]).length,
      amount: (r.amount as { amount: number }).amount,
    }),
    expected: (r) => {
      const o = r as MOpportunity;
      const { ownerId, stage, version, lines, amount } = o;
      return { id: o.id, ownerId, stage, version, team: teamKey(o.team), lines, amount };
    },
  },
  {
    kind: 'activity',
    records: (m) => m.activities,
    list: (crm, a) => crm.activities.list(a, all) as never,
    get: (crm, a, id) => crm.activities.get(a, id) as never,
    project: (r) => ({ id: r.id, ownerId: r.ownerId, status: r.status, version: r.version }),
    expected: (r) => ({
      id: r.id,
      ownerId: r.ownerId,
      status: (r as unknown as Row).status,
      version: r.version,
    }),
  },
  {
    kind: 'cost',
    records: (m) => m.costs,
    list: (crm, a) => crm.costs.list(a, all) as never,
    get: (crm, a, id) => crm.costs.get(a, id) as never,
    project: (r) => ({ id: r.id, ownerId: r.incurredBy, version: r.version }),
    expected: (r) => ({ id: r.id, ownerId: r.ownerId, version: r.version }),
  },
];

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

async function codeOrValue<T>(p: Promise<T>): Promise<T | string> {
  return p.catch((e: unknown) => {
    if (isCrmError(e)) return e.code;
    throw e;
  });
}

/**
 * For every user and every kind: the scoped list returns exactly the records the model lets them
 * read, with the model's owner, status or stage, version and team (a departed user is refused).
 * `getIds` are also fetched one by one by every user: visible ones match, the rest are NOT_FOUND.
 */
export async function expectVisibility(world: ModelWorld, m: Model, getIds: ReadonlySet<string>, at: string) {
  for (const user of m.users) {
    for (const spec of KINDS) {
      const listed = await codeOrValue(spec.list(world.crm, user.id));
      if (!user.active) {
        expect(listed, `${at}: ${user.id} has left, yet listed ${spec.kind}s`).toBe('PERMISSION_DENIED');
        continue;
      }
      const visible = spec.records(m).filter((r) => mayRead(m, user.id, r));
      expect(
        typeof listed === 'string' ? listed : listed.items.map(spec.project).sort(byId as never),
        `${at}: ${spec.kind}s listed for ${user.id} (${user.role})`,
      ).toEqual(visible.map(spec.expected).sort(byId as never));
      for (const r of spec.records(m)) {
        if (!getIds.has(r.id)) continue;
        const got = await codeOrValue(spec.get(world.crm, user.id, r.id));
        const want = mayRead(m, user.id, r) ? spec.expected(r) : 'NOT_FOUND';
        expect(typeof got === 'string' ? got : spec.project(got), `${at}: ${user.id} gets ${r.id}`).toEqual(
          want,
        );
      }
    }
  }
}

const HISTORY_TYPES: [keyof Model, EntityType][] = [
  ['leads', 'lead'],
  ['opportunities', 'opportunity'],
  ['accounts', 'account'],
  ['activities', 'activity'],
  ['costs', 'cost'],
];

/** Exactly one history entry per accepted change of every record, and deal team rows as on the deal. */
export async function expectHistoryAndTeams(world: ModelWorld, m: Model, at: string): Promise<void> {
  const stored = await world.storage.read({ tenantId: world.tenantId }, async (tx) => {
    const counts: Record<string, number> = {};
    for (const [key, type] of HISTORY_TYPES) {
      for (const r of m[key] as AnyRecord[]) counts[r.id] = (await tx.history.forEntity(type, r.id)).length;
    }
    const teams = await tx.teams.membersOfMany(m.opportunities.map((o) => o.id));
    return { counts, teams };
  });
  expect(stored.counts, `${at}: history entries per record`).toEqual(Object.fromEntries(m.history));
  for (const o of m.opportunities) {
    const rows = stored.teams.get(o.id) ?? [];
    const want = [{ userId: o.ownerId, role: 'sales', access: 'edit' }, ...o.team];
    expect(teamKey(rows), `${at}: team rows of ${o.id}`).toEqual(teamKey(want));
  }
}
