import type { Account, Contact, Instant, MergeRecord, Money, Product, Tenant, User } from '@gongfu/core';

/**
 * Fixture builders: valid records with sensible defaults; pass overrides for what a test is about.
 * Instants are canonical UTC (`YYYY-MM-DDTHH:mm:ss.sssZ`), money is integer fen in CNY.
 */

let counter = 0;

/** A unique id with a readable prefix, e.g. `lead_12_k3j9x`. */
export function newId(prefix: string): string {
  counter += 1;
  return `${prefix}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
}

/** The suite's reference instant: 09:15 in Shanghai on Monday 2 March 2026. */
export const BASE_INSTANT: Instant = '2026-03-02T01:15:00.000Z';

/** `BASE_INSTANT` plus `minutes` (may be negative), canonical UTC. */
export function minutesAfterBase(minutes: number): Instant {
  return new Date(Date.parse(BASE_INSTANT) + minutes * 60_000).toISOString();
}

export function cny(amount: number): Money {
  return { amount, currency: 'CNY' };
}

interface Stamped {
  tenantId: string;
  id: string;
  version: number;
  createdAt: Instant;
  updatedAt: Instant;
}

/** The fields every versioned record carries, at version 1. */
export function stamp(tenantId: string, prefix: string): Stamped {
  return { tenantId, id: newId(prefix), version: 1, createdAt: BASE_INSTANT, updatedAt: BASE_INSTANT };
}

export function newTenant(overrides: Partial<Tenant> = {}): Tenant {
  const id = `conf-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  return { id, name: `Conformance ${id}`, createdAt: BASE_INSTANT, ...overrides };
}

export function buildUser(tenantId: string, overrides: Partial<User> = {}): User {
  return {
    ...stamp(tenantId, 'user'),
    name: '王芳',
    email: null,
    role: 'sales_rep',
    managerId: null,
    channel: 'key_account',
    active: true,
    deactivatedAt: null,
    ...overrides,
  };
}

export function buildAccount(tenantId: string, overrides: Partial<Account> = {}): Account {
  return {
    ...stamp(tenantId, 'account'),
    name: '青岛海信网络科技有限公司',
    aliases: ['Hisense Network'],
    kind: 'end_user',
    industry: 'logistics',
    region: { province: '37', city: '3702' },
    address: null,
    creditCode: null,
    phones: ['0532-8888 6666'],
    emails: ['purchasing@example.cn'],
    channel: 'key_account',
    ownerId: 'owner-unset',
    mergedIntoId: null,
    custom: {},
    ...overrides,
  };
}

export function buildContact(tenantId: string, overrides: Partial<Contact> = {}): Contact {
  return {
    ...stamp(tenantId, 'contact'),
    accountId: 'account-unset',
    name: '李强',
    title: '采购经理',
    buyingRole: 'procurement',
    phone: null,
    mobile: '13800138000',
    email: 'li.qiang@example.cn',
    wechat: null,
    ownerId: 'owner-unset',
    custom: {},
    ...overrides,
  };
}

export function buildProduct(tenantId: string, overrides: Partial<Product> = {}): Product {
  const sku = overrides.sku ?? newId('SKU').toUpperCase();
  return {
    ...stamp(tenantId, 'product'),
    sku,
    name: 'Handheld laser scanner',
    category: 'laser_scanner',
    kind: 'standard',
    listPrice: cny(129_900),
    active: true,
    custom: {},
    ...overrides,
  };
}

/** Merge records carry no tenant id of their own: the transaction binds them. */
export function buildMerge(overrides: Partial<MergeRecord> = {}): MergeRecord {
  return {
    id: newId('merge'),
    entityType: 'account',
    survivorId: 'account-survivor',
    mergedId: 'account-merged',
    moved: { contact: ['contact-a', 'contact-b'], opportunity: [] },
    mergedBy: 'user-admin',
    mergedAt: BASE_INSTANT,
    undoneAt: null,
    version: 1,
    ...overrides,
  };
}
