import type { RecordStore, StorageTx } from '@gongfu/core';
import { minutesAfterBase } from './fixtures.js';
import { buildLead, buildOpportunity, buildOrder } from './fixtures-deals.js';
import { buildActivity, buildCost } from './fixtures-work.js';

/** The record kinds the scoping property drives: deals that govern themselves, and what hangs off a deal. */

export interface Row {
  id: string;
  createdAt: string;
}

/** A scoped kind: how to build a row owned by `ownerId` that hangs off the team `teamKey` (null = itself). */
export interface ScopedKind {
  name: string;
  store(tx: StorageTx): RecordStore<Row, unknown>;
  build(tenantId: string, id: string, ownerId: string, parentId: string | null, createdAt: string): Row;
}

export const at = (day: number) => minutesAfterBase(day * 24 * 60);
const dateOf = (instant: string) => instant.slice(0, 10);

export const SELF_GOVERNED: ScopedKind[] = [
  {
    name: 'leads',
    store: (tx) => tx.leads,
    build: (t, id, ownerId, _p, c) =>
      buildLead(t, { id, ownerId, createdAt: c, updatedAt: c, receivedAt: c }),
  },
  {
    name: 'opportunities',
    store: (tx) => tx.opportunities,
    build: (t, id, ownerId, _p, c) =>
      buildOpportunity(t, { id, ownerId, accountId: 'a-1', createdAt: c, updatedAt: c, stageEnteredAt: c }),
  },
];

export const DEAL_CHILDREN: ScopedKind[] = [
  {
    name: 'activities',
    store: (tx) => tx.activities,
    build: (t, id, ownerId, opportunityId, c) =>
      buildActivity(t, { id, ownerId, opportunityId, createdAt: c, updatedAt: c, startAt: c, endAt: c }),
  },
  {
    name: 'costs',
    store: (tx) => tx.costs,
    build: (t, id, incurredBy, opportunityId, c) =>
      buildCost(t, { id, incurredBy, opportunityId, createdAt: c, updatedAt: c, incurredOn: dateOf(c) }),
  },
  {
    name: 'orders',
    store: (tx) => tx.orders,
    build: (t, id, ownerId, opportunityId, c) =>
      buildOrder(t, { id, ownerId, accountId: 'a-1', opportunityId, createdAt: c, updatedAt: c }),
  },
];
