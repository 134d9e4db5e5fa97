import type { CrmStorage, RecordBase, RowScope, StorageTx, TeamMemberRow } from '@gongfu/core';
import { walkPages } from '@gongfu/core/testing';
import fc from 'fast-check';
import { expect } from 'vitest';
import { buildActivity, buildCost, buildLead, buildOpportunity, minutesAfter } from './builders.js';

/**
 * Random org trees, deals with seats, activities and costs on them or on their own, then transfers
 * (a deal's owner and owner seat change), re-parented activities and costs and reseated teams; the
 * merged page of each actor must be the walked page, row for row and in order.
 */
const USERS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7'] as const;
const user = fc.constantFrom(...USERS);
const seat = fc.record({ userId: user, access: fc.constantFrom('read' as const, 'edit' as const) });
const seats = fc.uniqueArray(seat, { selector: (s) => s.userId, maxLength: 3 });

export const worldArb = fc.record({
  // managerOf[i] is an earlier user (a tree) or nobody.
  managerOf: fc.tuple(
    ...USERS.map((_, i) => (i === 0 ? fc.constant(-1) : fc.integer({ min: -1, max: i - 1 }))),
  ),
  deals: fc.array(fc.record({ owner: user, seats, minute: fc.nat(30) }), { minLength: 1, maxLength: 5 }),
  leads: fc.array(fc.record({ owner: user, seats, minute: fc.nat(30) }), { maxLength: 5 }),
  children: fc.array(
    fc.record({
      owner: user,
      deal: fc.option(fc.nat(), { nil: null }),
      cost: fc.boolean(),
      minute: fc.nat(30),
    }),
    { maxLength: 14 },
  ),
  changes: fc.array(
    fc.oneof(
      fc.record({ op: fc.constant('transfer' as const), deal: fc.nat(), to: user }),
      fc.record({ op: fc.constant('reseat' as const), deal: fc.nat(), seats }),
      fc.record({
        op: fc.constant('move' as const),
        child: fc.nat(),
        deal: fc.option(fc.nat(), { nil: null }),
      }),
    ),
    { maxLength: 6 },
  ),
  // Up to every user: past SQLite's merged cap the page is its walk with the seats tested on the
  // row (migration 0125), at read and at edit, which must equal the reference walk too.
  extraScope: fc.record({
    kind: fc.constant('scoped' as const),
    ownerIds: fc.uniqueArray(user, { maxLength: 8 }),
    memberIds: fc.uniqueArray(user, { maxLength: 8 }),
    minAccess: fc.constantFrom('read' as const, 'edit' as const),
  }),
  limit: fc.integer({ min: 1, max: 4 }),
  /** Each list is also read filtered by these owners (the list's own filter beside the scope). */
  ownerFilter: fc.uniqueArray(user, { minLength: 1, maxLength: 3 }),
});
export type World = typeof worldArb extends fc.Arbitrary<infer W> ? W : never;

const ownerSeat = (userId: string): TeamMemberRow => ({
  userId,
  role: 'sales',
  access: 'edit',
  isOwner: true,
});
const teamOf = (
  owner: string,
  others: readonly { userId: string; access: 'read' | 'edit' }[],
): TeamMemberRow[] => [
  ownerSeat(owner),
  ...others
    .filter((s) => s.userId !== owner)
    .map((s): TeamMemberRow => ({ userId: s.userId, role: 'presales', access: s.access, isOwner: false })),
];

/** Each user's subtree in the generated tree (themself and everyone below), as the service scopes. */
function subtreeScopes(managerOf: readonly number[]): RowScope[] {
  const below = (i: number): number[] => [i, ...managerOf.flatMap((m, j) => (m === i ? below(j) : []))];
  return USERS.map((_, i) => {
    const ids = below(i).map((j) => USERS[j] as string);
    return { kind: 'scoped', ownerIds: ids, memberIds: ids, minAccess: 'read' };
  });
}

/** Writes the world into `tenantId` through the storage port (both storages read the same rows). */
export async function writeWorld(storage: CrmStorage, tenantId: string, w: World): Promise<void> {
  await storage.tenants.create({ id: tenantId, name: tenantId, createdAt: minutesAfter(0) });
  await storage.transaction({ tenantId }, async (tx) => {
    const deals = w.deals.map((d, i) =>
      buildOpportunity(tenantId, {
        id: `${tenantId}-opp${i}`,
        ownerId: d.owner,
        createdAt: minutesAfter(d.minute),
        updatedAt: minutesAfter(d.minute),
      }),
    );
    for (const [i, deal] of deals.entries()) {
      await tx.opportunities.insert(deal);
      await tx.teams.create(deal.id, teamOf(deal.ownerId, w.deals[i]?.seats ?? []));
    }
    for (const [i, l] of w.leads.entries()) {
      const at = minutesAfter(l.minute);
      const lead = buildLead(tenantId, {
        id: `${tenantId}-lead${i}`,
        ownerId: l.owner,
        createdAt: at,
        updatedAt: at,
      });
      await tx.leads.insert(lead);
      await tx.teams.create(lead.id, teamOf(l.owner, l.seats));
    }
    const dealId = (n: number | null) => (n === null ? null : (deals[n % deals.length]?.id ?? null));
    for (const [i, c] of w.children.entries()) {
      const at = minutesAfter(c.minute);
      const stamp = { createdAt: at, updatedAt: at, opportunityId: dealId(c.deal) };
      if (c.cost) {
        const cost = buildCost(tenantId, { ...stamp, id: `${tenantId}-cost${i}`, incurredBy: c.owner });
        await tx.costs.insert(cost);
        if (cost.opportunityId === null) await tx.teams.create(cost.id, [ownerSeat(c.owner)]);
      } else {
        const activity = buildActivity(tenantId, { ...stamp, id: `${tenantId}-act${i}`, ownerId: c.owner });
        await tx.activities.insert(activity);
        if (activity.opportunityId === null) await tx.teams.create(activity.id, [ownerSeat(c.owner)]);
      }
    }
    for (const change of w.changes) await applyChange(tx, tenantId, w, change, dealId);
  });
}

async function applyChange(
  tx: StorageTx,
  tenantId: string,
  w: World,
  change: World['changes'][number],
  dealId: (n: number | null) => string | null,
): Promise<void> {
  if (change.op === 'move') {
    if (w.children.length === 0) return;
    const index = change.child % w.children.length;
    const to = dealId(change.deal);
    const store = w.children[index]?.cost ? tx.costs : tx.activities;
    const id = `${tenantId}-${w.children[index]?.cost ? 'cost' : 'act'}${index}`;
    const [record] = (await store.getMany([id])) as (RecordBase & { opportunityId: string | null })[];
    if (record === undefined) return;
    await (store as unknown as { update(r: unknown, v: number): Promise<void> }).update(
      { ...record, opportunityId: to, version: record.version + 1 },
      record.version,
    );
    return;
  }
  const id = dealId(change.deal) as string;
  const deal = await tx.opportunities.get(id);
  if (deal === null) return;
  const current = await tx.teams.members(id);
  const others = current.filter((m) => !m.isOwner).map((m) => ({ userId: m.userId, access: m.access }));
  if (change.op === 'transfer') {
    await tx.opportunities.update({ ...deal, ownerId: change.to, version: deal.version + 1 }, deal.version);
    await tx.teams.replace(id, teamOf(change.to, others));
  } else await tx.teams.replace(id, teamOf(deal.ownerId, change.seats));
}

/** Every page of leads, deals, activities and costs for every actor: merged equals walked. */
export async function expectMergedEqualsWalked(
  merged: CrmStorage,
  walked: CrmStorage,
  tenantId: string,
  w: World,
): Promise<void> {
  const scopes = [...subtreeScopes(w.managerOf), w.extraScope];
  const kinds = ['leads', 'opportunities', 'activities', 'costs'] as const;
  const max = w.deals.length + w.leads.length + w.children.length;
  for (const scope of scopes) {
    for (const kind of kinds) {
      const ownerKey = kind === 'costs' ? 'incurredBy' : 'ownerId';
      for (const where of [undefined, { [ownerKey]: w.ownerFilter }]) {
        const pages = (storage: CrmStorage) =>
          storage.read({ tenantId }, async (tx) =>
            (
              await walkPages(
                (cursor) =>
                  (tx[kind] as StorageTx['leads']).list({
                    scope,
                    limit: w.limit,
                    ...(where ? { where } : {}),
                    ...(cursor ? { cursor } : {}),
                  }),
                max,
              )
            ).map((r) => r.id),
          );
        expect(await pages(merged), `${kind} ${JSON.stringify(scope)} ${JSON.stringify(where)}`).toEqual(
          await pages(walked),
        );
      }
    }
  }
}
