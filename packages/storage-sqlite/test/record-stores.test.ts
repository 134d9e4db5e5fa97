import type { CrmStorage, RecordBase, RecordStore, StorageTx } from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as b from './support/builders.js';
import { ALL_SCOPE, memoryStorage } from './support/open-storage.js';

/** One row per record store: how to build a record, change it, and a filter that finds it. */
interface Case<T extends RecordBase> {
  store: keyof StorageTx;
  build: (tenantId: string) => T;
  change: (r: T) => T;
  filter: (r: T) => object;
  miss: object;
}
const c = <T extends RecordBase>(x: Case<T>) => x as unknown as Case<RecordBase>;

const CASES: Case<RecordBase>[] = [
  c({
    store: 'users',
    build: (t) => b.buildUser(t, { managerId: 'boss' }),
    change: (u) => ({ ...u, active: false }),
    filter: () => ({ managerId: 'boss', active: false }),
    miss: { active: true },
  }),
  c({
    store: 'accounts',
    build: (t) => b.buildAccount(t),
    change: (a) => ({ ...a, name: 'Renamed Co' }),
    filter: () => ({ text: 'RENAMED', kind: ['end_user'], mergedIntoId: null }),
    miss: { text: 'nobody' },
  }),
  c({
    store: 'contacts',
    build: (t) => b.buildContact(t),
    change: (x) => ({ ...x, title: 'CTO' }),
    filter: (x) => ({ accountId: x.accountId, text: 'cto' }),
    miss: { accountId: 'other' },
  }),
  c({
    store: 'products',
    build: (t) => b.buildProduct(t),
    change: (p) => ({ ...p, active: false, listPrice: null }),
    filter: (p) => ({ sku: [p.sku], active: false }),
    miss: { category: ['server'] },
  }),
  c({
    store: 'leads',
    build: (t) => b.buildLead(t, { company: 'Qingdao Port Logistics' }),
    change: (l) => ({ ...l, status: 'working' as const }),
    filter: () => ({
      status: ['working'],
      text: 'port log',
      receivedAt: { from: b.T0, to: b.minutesAfter(1) },
    }),
    miss: { receivedAt: { to: b.T0 } },
  }),
  c({
    store: 'opportunities',
    build: (t) => b.buildOpportunity(t),
    change: (o) => ({ ...o, stage: 'demo', updatedAt: b.minutesAfter(5) }),
    filter: () => ({ stage: ['demo'], open: true, updatedAt: { from: b.minutesAfter(5) } }),
    miss: { open: false },
  }),
  c({
    store: 'orders',
    build: (t) => b.buildOrder(t, { opportunityId: 'opp_1', status: 'draft' }),
    change: (o) => ({ ...o, status: 'confirmed' as const }),
    filter: () => ({ status: ['confirmed'], opportunityId: ['opp_1'] }),
    miss: { accountId: [] },
  }),
  c({
    store: 'serviceCases',
    build: (t) => b.buildServiceCase(t),
    change: (s) => ({ ...s, status: 'diagnosing' as const }),
    filter: (s) => ({ orderId: [s.orderId], status: ['diagnosing'] }),
    miss: { status: ['closed'] },
  }),
  c({
    store: 'activities',
    build: (t) => b.buildActivity(t),
    change: (a) => ({ ...a, status: 'completed' as const }),
    filter: () => ({ status: ['completed'], startAt: { from: '2026-03-02T01:15:00+00:00' } }),
    miss: { startAt: { from: b.minutesAfter(1) } },
  }),
  c({
    store: 'demoLoans',
    build: (t) => b.buildDemoLoan(t),
    change: (d) => ({ ...d, returnedAt: b.minutesAfter(60) }),
    filter: () => ({ open: false }),
    miss: { open: true },
  }),
  c({
    store: 'costs',
    build: (t) => b.buildCost(t, { incurredBy: 'u_owner' }),
    change: (x) => ({ ...x, incurredOn: '2026-03-31' }),
    filter: () => ({ incurredOn: { from: '2026-03-31', to: '2026-04-01' }, incurredBy: ['u_owner'] }),
    miss: { category: ['bid_fees'] },
  }),
];

let storage: CrmStorage;
beforeAll(async () => {
  storage = await memoryStorage(['t1']);
});
afterAll(() => storage.close());

const storeOf = (tx: StorageTx, key: keyof StorageTx) =>
  tx[key] as unknown as RecordStore<RecordBase, object>;

describe.each(CASES)('$store store', ({ store, build, change, filter, miss }) => {
  it('round-trips insert, get, getMany, update, list and count', async () => {
    const record = build('t1');
    const other = build('t1');
    await storage.transaction({ tenantId: 't1' }, async (tx) => {
      await storeOf(tx, store).insert(record);
      await storeOf(tx, store).insert(other);
    });
    const changed = { ...change(record), version: 2 };
    await storage.transaction({ tenantId: 't1' }, async (tx) => {
      const s = storeOf(tx, store);
      expect(await s.get(record.id)).toEqual(record);
      expect(await s.get('missing')).toBeNull();
      expect((await s.getMany([other.id, 'missing', record.id])).map((r) => r.id)).toEqual([
        other.id,
        record.id,
      ]);
      await s.update(changed, 1);
    });
    await storage.read({ tenantId: 't1' }, async (tx) => {
      const s = storeOf(tx, store);
      expect(await s.get(record.id)).toEqual(changed);
      const page = await s.list({ where: { ...filter(changed) }, scope: ALL_SCOPE, limit: 50 });
      expect(page.items.map((r) => r.id)).toContain(record.id);
      expect(page.items.map((r) => r.id)).not.toContain(other.id);
      expect(await s.count(filter(changed), ALL_SCOPE)).toBe(page.items.length);
      expect(
        (await s.list({ where: miss, scope: ALL_SCOPE, limit: 50 })).items.map((r) => r.id),
      ).not.toContain(record.id);
    });
  });
});
