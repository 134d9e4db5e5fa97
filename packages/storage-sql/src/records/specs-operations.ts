import type {
  Activity,
  ActivityFilter,
  CostEntry,
  CostFilter,
  DemoLoan,
  DemoLoanFilter,
  ServiceCase,
  ServiceCaseFilter,
} from '@gongfu/core';
import { activityTeamKey, teamKeyOf } from '@gongfu/core';
import { customFilter, inCol, type RecordSpec } from './record-spec.js';
import { orderSpec } from './specs-deals.js';
import { contactSpec } from './specs-parties.js';

/** A service case belongs to the deal team that sold the units (its order's team for a direct order). */
export const serviceCaseSpec: RecordSpec<ServiceCase, ServiceCaseFilter> = {
  entity: 'service_case',
  table: 'service_cases',
  columns: {
    status: 'text',
    kind: 'text',
    account_id: 'text',
    order_id: 'text',
    assignee_id: 'text',
    serial: 'text',
    warranty_until: 'date',
    resolved_at: 'instant',
  },
  project: (s) => ({
    status: s.status,
    kind: s.kind,
    account_id: s.accountId,
    order_id: s.orderId,
    assignee_id: s.assigneeId,
    serial: s.serial,
    warranty_until: s.warrantyUntil,
    resolved_at: s.resolvedAt,
  }),
  ownerId: (s) => s.ownerId,
  teamKey: (s) => teamKeyOf({ kind: 'service_case', orderId: s.orderId, opportunityId: s.opportunityId }),
  filters: {
    custom: customFilter,
    status: inCol('status'),
    orderId: inCol('order_id'),
    accountId: inCol('account_id'),
    ownerId: inCol('owner_id'),
  },
};

export const activitySpec: RecordSpec<Activity, ActivityFilter> = {
  entity: 'activity',
  table: 'activities',
  columns: {
    kind: 'text',
    status: 'text',
    start_at: 'instant',
    end_at: 'instant',
    lead_id: 'text',
    opportunity_id: 'text',
    account_id: 'text',
    contact_id: 'text',
    order_id: 'text',
    service_case_id: 'text',
    regarding_kind: 'text',
    completed_at: 'instant',
  },
  project: (a) => ({
    kind: a.kind,
    status: a.status,
    start_at: a.startAt,
    end_at: a.endAt,
    lead_id: a.leadId,
    opportunity_id: a.opportunityId,
    account_id: a.accountId,
    contact_id: a.contactId,
    order_id: a.orderId,
    service_case_id: a.serviceCaseId,
    regarding_kind: a.regarding?.kind ?? null,
    completed_at: a.completedAt,
  }),
  ownerId: (a) => a.ownerId,
  teamKey: activityTeamKey,
  // Whoever reads the contact, order or service case an activity is about reads the activity. The
  // kind is tested first (from the page-scan index, migration 0082), so an activity about a deal or
  // a lead never runs the subject's subquery; an activity about a case names its order too, but
  // only the case governs its readers.
  readThrough: [
    { column: 'contact_id', spec: contactSpec, onlyWhere: ['regarding_kind', 'contact'] },
    { column: 'order_id', spec: orderSpec, onlyWhere: ['regarding_kind', 'order'] },
    { column: 'service_case_id', spec: serviceCaseSpec, onlyWhere: ['regarding_kind', 'service_case'] },
  ],
  scopeKeyed: true,
  filters: {
    custom: customFilter,
    status: inCol('status'),
    kind: inCol('kind'),
    ownerId: inCol('owner_id'),
    leadId: inCol('lead_id'),
    opportunityId: inCol('opportunity_id'),
    accountId: inCol('account_id'),
    contactId: inCol('contact_id'),
    orderId: inCol('order_id'),
    serviceCaseId: inCol('service_case_id'),
    regardingKind: inCol('regarding_kind'),
    startAt: { column: 'start_at', op: 'range' },
  },
};

export const demoLoanSpec: RecordSpec<DemoLoan, DemoLoanFilter> = {
  entity: 'demo_loan',
  table: 'demo_loans',
  columns: {
    sku: 'text',
    serial: 'text',
    account_id: 'text',
    opportunity_id: 'text',
    loaned_at: 'instant',
    due_back: 'date',
    returned_at: 'instant',
  },
  project: (d) => ({
    sku: d.sku,
    serial: d.serial,
    account_id: d.accountId,
    opportunity_id: d.opportunityId,
    loaned_at: d.loanedAt,
    due_back: d.dueBack,
    returned_at: d.returnedAt,
  }),
  ownerId: (d) => d.ownerId,
  teamKey: (d) =>
    teamKeyOf({ kind: 'demo_loan', id: d.id, opportunityId: d.opportunityId, accountId: d.accountId }),
  filters: {
    ownerId: inCol('owner_id'),
    accountId: inCol('account_id'),
    open: { column: 'returned_at', op: 'isNull' },
  },
};

/** The person who spent the money owns the cost entry for visibility. */
export const costSpec: RecordSpec<CostEntry, CostFilter> = {
  entity: 'cost',
  table: 'cost_entries',
  columns: {
    category: 'text',
    amount_minor: 'money',
    currency: 'text',
    incurred_on: 'date',
    opportunity_id: 'text',
    account_id: 'text',
    lead_id: 'text',
  },
  project: (c) => ({
    category: c.category,
    amount_minor: c.amount.amount,
    currency: c.amount.currency,
    incurred_on: c.incurredOn,
    opportunity_id: c.opportunityId,
    account_id: c.accountId,
    lead_id: c.leadId,
  }),
  ownerId: (c) => c.incurredBy,
  teamKey: (c) =>
    teamKeyOf({
      kind: 'cost',
      id: c.id,
      opportunityId: c.opportunityId,
      leadId: c.leadId,
      accountId: c.accountId,
    }),
  scopeKeyed: true,
  filters: {
    incurredBy: inCol('owner_id'),
    opportunityId: inCol('opportunity_id'),
    accountId: inCol('account_id'),
    leadId: inCol('lead_id'),
    incurredOn: { column: 'incurred_on', op: 'range' },
    category: inCol('category'),
  },
};
