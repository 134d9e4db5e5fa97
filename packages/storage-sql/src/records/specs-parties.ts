import type {
  Account,
  AccountFilter,
  Contact,
  ContactFilter,
  Product,
  ProductFilter,
  User,
  UserFilter,
} from '@gongfu/core';
import { teamKeyOf } from '@gongfu/core';
import { customFilter, inCol, type RecordSpec, searchText } from './record-spec.js';

/** A user is "owned" by themself, so a manager's scope (owner in subordinates) finds their reports. */
export const userSpec: RecordSpec<User, UserFilter> = {
  entity: 'user',
  table: 'users',
  columns: { name: 'text', email: 'text', role: 'text', manager_id: 'text', channel: 'text', active: 'bool' },
  project: (u) => ({
    name: u.name,
    email: u.email,
    role: u.role,
    manager_id: u.managerId,
    channel: u.channel,
    active: u.active,
  }),
  ownerId: (u) => u.id,
  teamKey: (u) => u.id,
  filters: { managerId: { column: 'manager_id', op: 'eq' }, active: { column: 'active', op: 'bool' } },
};

export const accountSpec: RecordSpec<Account, AccountFilter> = {
  entity: 'account',
  table: 'accounts',
  columns: {
    name: 'text',
    kind: 'text',
    channel: 'text',
    credit_code: 'text',
    merged_into_id: 'text',
    search: 'text',
  },
  project: (a) => ({
    name: a.name,
    kind: a.kind,
    channel: a.channel,
    credit_code: a.creditCode,
    merged_into_id: a.mergedIntoId,
    search: searchText(a.name, a.aliases, a.phones, a.emails),
  }),
  ownerId: (a) => a.ownerId,
  teamKey: (a) => teamKeyOf({ kind: 'account', id: a.id }),
  readByDealTeams: true,
  filters: {
    custom: customFilter,
    ownerId: inCol('owner_id'),
    kind: inCol('kind'),
    text: { column: 'search', op: 'text' },
    mergedIntoId: { column: 'merged_into_id', op: 'eq' },
  },
};

/** Contacts hang off their account: the account's team sees them. */
export const contactSpec: RecordSpec<Contact, ContactFilter> = {
  entity: 'contact',
  table: 'contacts',
  columns: { account_id: 'text', name: 'text', search: 'text' },
  project: (c) => ({
    account_id: c.accountId,
    name: c.name,
    search: searchText(c.name, c.title, c.phone, c.mobile, c.email, c.wechat),
  }),
  ownerId: (c) => c.ownerId,
  teamKey: (c) => teamKeyOf({ kind: 'contact', accountId: c.accountId }),
  readByDealTeams: true,
  filters: {
    custom: customFilter,
    accountId: inCol('account_id'),
    ownerId: inCol('owner_id'),
    text: { column: 'search', op: 'text' },
  },
};

/** The catalogue has no owner; services list it with scope `all`. */
export const productSpec: RecordSpec<Product, ProductFilter> = {
  entity: 'product',
  table: 'products',
  columns: {
    sku: 'text',
    category: 'text',
    kind: 'text',
    active: 'bool',
    list_price_minor: 'money',
    currency: 'text',
  },
  project: (p) => ({
    sku: p.sku,
    category: p.category,
    kind: p.kind,
    active: p.active,
    list_price_minor: p.listPrice?.amount ?? null,
    currency: p.listPrice?.currency ?? null,
  }),
  ownerId: () => null,
  teamKey: (p) => p.id,
  filters: {
    sku: inCol('sku'),
    category: inCol('category'),
    active: { column: 'active', op: 'bool' },
    custom: customFilter,
  },
};
