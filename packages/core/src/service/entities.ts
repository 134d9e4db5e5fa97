export type { EntityKind, FreshOption } from './entity-kind.js';

import type { Account } from '../sales/accounts/account.js';
import type { Contact } from '../sales/accounts/contact.js';
import type { Activity } from '../sales/activities/activity.js';
import { ACTIVITY_EFFECTS } from '../sales/activities/activity-effects.js';
import { syncActivityReminders } from '../sales/activities/activity-reminder-sync.js';
import { activitySubjectAccess } from '../sales/activities/activity-subject.js';
import type { CostEntry } from '../sales/costs/cost.js';
import type { DemoLoan } from '../sales/demo-loans/demo-loan.js';
import { syncDemoLoanReminders } from '../sales/demo-loans/demo-loan-reminder-sync.js';
import type { Lead } from '../sales/leads/lead.js';
import { LEAD_EFFECTS } from '../sales/leads/lead-effects.js';
import { syncLeadReminders } from '../sales/leads/lead-reminder-sync.js';
import type { Opportunity } from '../sales/opportunities/opportunity.js';
import { OPPORTUNITY_EFFECTS } from '../sales/opportunities/opportunity-effects.js';
import { syncOpportunityReminders } from '../sales/opportunities/opportunity-reminder-sync.js';
import type { Order } from '../sales/orders/order.js';
import { ORDER_EFFECTS } from '../sales/orders/order-effects.js';
import { syncOrderReminders } from '../sales/orders/order-reminder-sync.js';
import type { User } from '../sales/org/user.js';
import type { Product } from '../sales/products/product.js';
import type { Quota } from '../sales/quotas/quota.js';
import {
  syncAccountSearch,
  syncAll,
  syncContactSearch,
  syncLeadSearch,
  syncOpportunitySearch,
} from '../sales/search/search-sync.js';
import type { ServiceCase } from '../sales/service-cases/service-case.js';
import { SERVICE_CASE_EFFECTS } from '../sales/service-cases/service-case-effects.js';
import { activityTeamKey, teamKeyOf } from '../storage/team-key.js';
import type { EntityKind, LifecycleKind } from './entity-kind.js';

const kind = <T>(k: EntityKind<T>): EntityKind<T> => k;
const lifecycle = <T>(k: LifecycleKind<T>): LifecycleKind<T> => k;

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
    syncDerived: syncAccountSearch,
  }),
  contact: kind<Contact>({
    type: 'contact',
    label: 'contact',
    store: (tx) => tx.contacts,
    ownerOf: (c) => c.ownerId,
    teamKeyOf: (c) => teamKeyOf({ kind: 'contact', accountId: c.accountId }),
    syncDerived: syncContactSearch,
  }),
  product: kind<Product>({
    type: 'product',
    label: 'product',
    store: (tx) => tx.products,
    ownerOf: () => '',
    teamKeyOf: (p) => p.id,
  }),
  lead: lifecycle<Lead>({
    stateField: 'status',
    effects: LEAD_EFFECTS,
    type: 'lead',
    label: 'lead',
    store: (tx) => tx.leads,
    ownerOf: (l) => l.ownerId,
    teamKeyOf: (l) => teamKeyOf({ kind: 'lead', id: l.id }),
    syncDerived: syncAll(syncLeadReminders, syncLeadSearch),
  }),
  opportunity: lifecycle<Opportunity>({
    stateField: 'stage',
    effects: OPPORTUNITY_EFFECTS,
    type: 'opportunity',
    label: 'opportunity',
    store: (tx) => tx.opportunities,
    ownerOf: (o) => o.ownerId,
    teamKeyOf: (o) => teamKeyOf({ kind: 'opportunity', id: o.id }),
    syncDerived: syncAll(syncOpportunityReminders, syncOpportunitySearch),
  }),
  order: lifecycle<Order>({
    stateField: 'status',
    effects: ORDER_EFFECTS,
    type: 'order',
    label: 'order',
    store: (tx) => tx.orders,
    ownerOf: (o) => o.ownerId,
    teamKeyOf: (o) => teamKeyOf({ kind: 'order', id: o.id, opportunityId: o.opportunityId }),
    syncDerived: syncOrderReminders,
  }),
  serviceCase: lifecycle<ServiceCase>({
    stateField: 'status',
    effects: SERVICE_CASE_EFFECTS,
    type: 'service_case',
    label: 'service case',
    store: (tx) => tx.serviceCases,
    ownerOf: (s) => s.ownerId,
    teamKeyOf: (s) => teamKeyOf({ kind: 'service_case', orderId: s.orderId, opportunityId: s.opportunityId }),
  }),
  activity: lifecycle<Activity>({
    stateField: 'status',
    effects: ACTIVITY_EFFECTS,
    type: 'activity',
    label: 'activity',
    store: (tx) => tx.activities,
    ownerOf: (a) => a.ownerId,
    teamKeyOf: activityTeamKey,
    syncDerived: syncActivityReminders,
    readsThrough: activitySubjectAccess,
  }),
  demoLoan: kind<DemoLoan>({
    type: 'demo_loan',
    label: 'demo loan',
    store: (tx) => tx.demoLoans,
    ownerOf: (d) => d.ownerId,
    teamKeyOf: (d) => teamKeyOf({ ...d, kind: 'demo_loan' }),
    syncDerived: syncDemoLoanReminders,
  }),
  cost: kind<CostEntry>({
    type: 'cost',
    label: 'cost entry',
    store: (tx) => tx.costs,
    ownerOf: (c) => c.incurredBy,
    teamKeyOf: (c) => teamKeyOf({ ...c, kind: 'cost' }),
  }),
  quota: kind<Quota>({
    type: 'quota',
    label: 'quota',
    store: (tx) => tx.quotas,
    // The person's own target; managers above see it through the org chart, nobody through a team.
    ownerOf: (q) => q.userId,
    teamKeyOf: (q) => q.id,
  }),
} as const;
