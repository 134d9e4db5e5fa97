import type { Lead, LeadFilter, Opportunity, OpportunityFilter, Order, OrderFilter } from '@gongfu/core';
import { teamKeyOf } from '@gongfu/core';
import { inCol, type RecordSpec, searchText } from './record-spec.js';

export const leadSpec: RecordSpec<Lead, LeadFilter> = {
  entity: 'lead',
  table: 'leads',
  columns: {
    status: 'text',
    channel: 'text',
    source: 'text',
    received_at: 'instant',
    account_id: 'text',
    last_contact_at: 'instant',
    search: 'text',
  },
  project: (l) => ({
    status: l.status,
    channel: l.channel,
    source: l.source,
    received_at: l.receivedAt,
    account_id: l.accountId,
    last_contact_at: l.lastContactAt,
    search: searchText(
      l.company,
      l.contact.name,
      l.contact.phone,
      l.contact.mobile,
      l.contact.email,
      l.contact.wechat,
    ),
  }),
  ownerId: (l) => l.ownerId,
  teamKey: (l) => teamKeyOf({ kind: 'lead', id: l.id }),
  filters: {
    status: inCol('status'),
    ownerId: inCol('owner_id'),
    channel: inCol('channel'),
    source: inCol('source'),
    receivedAt: { column: 'received_at', op: 'range' },
    text: { column: 'search', op: 'text' },
    accountId: inCol('account_id'),
  },
};

export const opportunitySpec: RecordSpec<Opportunity, OpportunityFilter> = {
  entity: 'opportunity',
  table: 'opportunities',
  columns: {
    stage: 'text',
    channel: 'text',
    account_id: 'text',
    lead_id: 'text',
    amount_minor: 'money',
    currency: 'text',
    probability: 'int',
    forecast_category: 'text',
    stage_entered_at: 'instant',
    expected_close: 'date',
    closed_at: 'instant',
    duplicate_of_id: 'text',
  },
  project: (o) => ({
    stage: o.stage,
    channel: o.channel,
    account_id: o.accountId,
    lead_id: o.leadId,
    amount_minor: o.amount.amount,
    currency: o.amount.currency,
    probability: o.probability,
    forecast_category: o.forecastCategory,
    stage_entered_at: o.stageEnteredAt,
    expected_close: o.expectedClose,
    closed_at: o.closedAt,
    duplicate_of_id: o.duplicateOfId,
  }),
  ownerId: (o) => o.ownerId,
  teamKey: (o) => teamKeyOf({ kind: 'opportunity', id: o.id }),
  filters: {
    stage: inCol('stage'),
    ownerId: inCol('owner_id'),
    channel: inCol('channel'),
    accountId: inCol('account_id'),
    // Open = not yet won or lost; closing stamps closedAt.
    open: { column: 'closed_at', op: 'isNull' },
    updatedAt: { column: 'updated_at', op: 'range' },
  },
};

/** An order from an opportunity belongs to that deal's team; a direct order governs itself. */
export const orderSpec: RecordSpec<Order, OrderFilter> = {
  entity: 'order',
  table: 'orders',
  columns: {
    number: 'text',
    status: 'text',
    channel: 'text',
    account_id: 'text',
    opportunity_id: 'text',
    amount_minor: 'money',
    currency: 'text',
    promised_delivery: 'date',
    delivered_at: 'instant',
  },
  project: (o) => ({
    number: o.number,
    status: o.status,
    channel: o.channel,
    account_id: o.accountId,
    opportunity_id: o.opportunityId,
    amount_minor: o.amount.amount,
    currency: o.amount.currency,
    promised_delivery: o.promisedDelivery,
    delivered_at: o.deliveredAt,
  }),
  ownerId: (o) => o.ownerId,
  teamKey: (o) => teamKeyOf({ kind: 'order', id: o.id, opportunityId: o.opportunityId }),
  filters: {
    status: inCol('status'),
    ownerId: inCol('owner_id'),
    accountId: inCol('account_id'),
    opportunityId: inCol('opportunity_id'),
  },
};
