import type { RecordStore, StorageTx } from '@gongfu/core';
import { buildAccount, buildContact, buildProduct, buildUser, minutesAfterBase } from './fixtures.js';
import { buildLead, buildOpportunity, buildOrder, buildServiceCase } from './fixtures-deals.js';
import { buildActivity, buildCost, buildDemoLoan, buildQuota } from './fixtures-work.js';
import { CONFORMANCE_TABLES } from './harness.js';

export interface Versioned {
  id: string;
  version: number;
  updatedAt: string;
}

/** One RecordStore of the port, described so the generic CRUD and isolation tests can drive it. */
export interface RecordKind<T extends Versioned> {
  name: string;
  table: string;
  store(tx: StorageTx): RecordStore<T, unknown>;
  build(tenantId: string): T;
  /** A copy with a visible change, at the next version. */
  change(record: T): T;
}

function next<T extends Versioned>(record: T, patch: Partial<T>): T {
  return {
    ...record,
    ...patch,
    version: record.version + 1,
    updatedAt: minutesAfterBase(record.version * 60),
  };
}

/** Every RecordStore of `Repositories`, each with its own type kept (no casts). */
export function forEachRecordKind(fn: <T extends Versioned>(kind: RecordKind<T>) => void): void {
  const t = CONFORMANCE_TABLES;
  fn({
    name: 'users',
    table: t.users,
    store: (tx) => tx.users,
    build: (tenantId) => buildUser(tenantId, { email: `${Math.random().toString(36).slice(2)}@example.cn` }),
    change: (r) => next(r, { active: false, deactivatedAt: minutesAfterBase(30), role: 'sales_manager' }),
  });
  fn({
    name: 'accounts',
    table: t.accounts,
    store: (tx) => tx.accounts,
    build: (tenantId) => buildAccount(tenantId, { ownerId: 'u-owner' }),
    change: (r) => next(r, { name: `${r.name} (renamed)`, aliases: [...r.aliases, '海信'], region: null }),
  });
  fn({
    name: 'contacts',
    table: t.contacts,
    store: (tx) => tx.contacts,
    build: (tenantId) => buildContact(tenantId, { accountId: 'a-1', ownerId: 'u-owner' }),
    change: (r) => next(r, { title: null, buyingRole: 'decision_maker' }),
  });
  fn({
    name: 'products',
    table: t.products,
    store: (tx) => tx.products,
    build: (tenantId) => buildProduct(tenantId),
    change: (r) => next(r, { active: false, listPrice: null }),
  });
  fn({
    name: 'leads',
    table: t.leads,
    store: (tx) => tx.leads,
    build: (tenantId) => buildLead(tenantId, { ownerId: 'u-owner' }),
    change: (r) => next(r, { status: 'working', lastContactAt: minutesAfterBase(45) }),
  });
  fn({
    name: 'opportunities',
    table: t.opportunities,
    store: (tx) => tx.opportunities,
    build: (tenantId) => buildOpportunity(tenantId, { ownerId: 'u-owner', accountId: 'a-1' }),
    change: (r) => next(r, { stage: 'needs_analysis', probability: 20, team: [], endCustomer: null }),
  });
  fn({
    name: 'orders',
    table: t.orders,
    store: (tx) => tx.orders,
    build: (tenantId) => buildOrder(tenantId, { ownerId: 'u-owner', accountId: 'a-1' }),
    change: (r) => next(r, { status: 'cancelled', cancelReason: 'customer withdrew' }),
  });
  fn({
    name: 'serviceCases',
    table: t.serviceCases,
    store: (tx) => tx.serviceCases,
    build: (tenantId) => buildServiceCase(tenantId, { ownerId: 'u-owner', accountId: 'a-1', orderId: 'o-1' }),
    change: (r) =>
      next(r, { status: 'resolved', resolution: 'replaced trigger', resolvedAt: minutesAfterBase(600) }),
  });
  fn({
    name: 'activities',
    table: t.activities,
    store: (tx) => tx.activities,
    build: (tenantId) => buildActivity(tenantId, { ownerId: 'u-owner', accountId: 'a-1' }),
    change: (r) =>
      next(r, {
        status: 'completed',
        completedAt: minutesAfterBase(95),
        outcome: {
          contactId: null,
          metWith: '张伟',
          metContactIds: [],
          opinion: 'positive',
          newRequirements: ['IP65'],
          summary: 'Good fit',
          nextStep: null,
        },
      }),
  });
  fn({
    name: 'demoLoans',
    table: t.demoLoans,
    store: (tx) => tx.demoLoans,
    build: (tenantId) => buildDemoLoan(tenantId, { ownerId: 'u-owner', accountId: 'a-1' }),
    change: (r) => next(r, { returnedAt: minutesAfterBase(7 * 24 * 60), condition: 'scratched' }),
  });
  fn({
    name: 'costs',
    table: t.costs,
    store: (tx) => tx.costs,
    build: (tenantId) => buildCost(tenantId, { incurredBy: 'u-owner', accountId: 'a-1' }),
    change: (r) => next(r, { amount: { amount: 1, currency: 'CNY' }, description: null }),
  });
  fn({
    name: 'quotas',
    table: t.quotas,
    store: (tx) => tx.quotas,
    // A random holder: the natural key (holder, scope, period, channel) is unique per tenant.
    build: (tenantId) => buildQuota(tenantId, { userId: `u-${Math.random().toString(36).slice(2)}` }),
    change: (r) => next(r, { target: { amount: 2, currency: 'CNY' }, note: null }),
  });
}
