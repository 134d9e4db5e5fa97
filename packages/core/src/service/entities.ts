import type { EntityType } from '../domain/history.js';
import type { Account, Contact } from '../sales/accounts/account.js';
import type { Activity, DemoLoan } from '../sales/activities/activity.js';
import type { CostEntry } from '../sales/costs/cost.js';
import type { Lead } from '../sales/leads/lead.js';
import type { Opportunity } from '../sales/opportunities/opportunity.js';
import type { Order } from '../sales/orders/order.js';
import type { User } from '../sales/org/user.js';
import type { Product } from '../sales/products/product.js';
import type { ServiceCase } from '../sales/service-cases/service-case.js';
import type { StorageTx } from '../storage/crm-storage.js';
import type { RecordStore } from '../storage/repositories.js';
import { teamKeyOf } from '../storage/team-key.js';

/** How the service reaches, owns and scopes each kind of protected record. */
export interface EntityKind<T> {
  type: EntityType;
  /** The word used in NotFound messages. */
  label: string;
  store(tx: StorageTx): RecordStore<T, unknown>;
  ownerOf(record: T): string;
  teamKeyOf(record: T): string;
}

const kind = <T>(k: EntityKind<T>): EntityKind<T> => k;

export const ENTITY = {
  user: kind<User>({
    type: 'user',
    label: 'user',
    store: (tx) => tx.users,
    ownerOf: (u) => u.id,
    teamKeyOf: (u) => u.id,
  }),
  account: kind<Account>({
    type: 'account',
    label: 'account',
    store: (tx) => tx.accounts,
    ownerOf: (a) => a.ownerId,
    teamKeyOf: (a) => teamKeyOf({ kind: 'account', id: a.id }),
  }),
  contact: kind<Contact>({
    type: 'contact',
    label: 'contact',
    store: (tx) => tx.contacts,
    ownerOf: (c) => c.ownerId,
    teamKeyOf: (c) => teamKeyOf({ kind: 'contact', accountId: c.accountId }),
  }),
  product: kind<Product>({
    type: 'product',
    label: 'product',
    store: (tx) => tx.products,
    ownerOf: () => '',
    teamKeyOf: (p) => p.id,
  }),
  lead: kind<Lead>({
    type: 'lead',
    label: 'lead',
    store: (tx) => tx.leads,
    ownerOf: (l) => l.ownerId,
    teamKeyOf: (l) => teamKeyOf({ kind: 'lead', id: l.id }),
  }),
  opportunity: kind<Opportunity>({
    type: 'opportunity',
    label: 'opportunity',
    store: (tx) => tx.opportunities,
    ownerOf: (o) => o.ownerId,
    teamKeyOf: (o) => teamKeyOf({ kind: 'opportunity', id: o.id }),
  }),
  order: kind<Order>({
    type: 'order',
    label: 'order',
    store: (tx) => tx.orders,
    ownerOf: (o) => o.ownerId,
    teamKeyOf: (o) => teamKeyOf({ kind: 'order', id: o.id, opportunityId: o.opportunityId }),
  }),
  serviceCase: kind<ServiceCase>({
    type: 'service_case',
    label: 'service case',
    store: (tx) => tx.serviceCases,
    ownerOf: (s) => s.ownerId,
    teamKeyOf: (s) => teamKeyOf({ kind: 'service_case', orderId: s.orderId, opportunityId: s.opportunityId }),
  }),
  activity: kind<Activity>({
    type: 'activity',
    label: 'activity',
    store: (tx) => tx.activities,
    ownerOf: (a) => a.ownerId,
    teamKeyOf: (a) => teamKeyOf({ ...a, kind: 'activity' }),
  }),
  demoLoan: kind<DemoLoan>({
    type: 'demo_loan',
    label: 'demo loan',
    store: (tx) => tx.demoLoans,
    ownerOf: (d) => d.ownerId,
    teamKeyOf: (d) => teamKeyOf({ ...d, kind: 'demo_loan' }),
  }),
  cost: kind<CostEntry>({
    type: 'cost',
    label: 'cost entry',
    store: (tx) => tx.costs,
    ownerOf: (c) => c.incurredBy,
    teamKeyOf: (c) => teamKeyOf({ ...c, kind: 'cost' }),
  }),
} as const;
