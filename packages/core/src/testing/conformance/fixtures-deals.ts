import type { Lead, Opportunity, Order, ServiceCase } from '@gongfu/core';
import { BASE_INSTANT, cny, newId, stamp } from './fixtures.js';

/** Builders for the deal records: leads, opportunities, orders and service cases. */

export function buildLead(tenantId: string, overrides: Partial<Lead> = {}): Lead {
  return {
    ...stamp(tenantId, 'lead'),
    source: 'inbound_call',
    receivedAt: BASE_INSTANT,
    company: '济南重汽物流中心',
    contact: { name: '张伟', title: '仓储主管', mobile: '13900139000', email: 'zhang.wei@example.cn' },
    interests: [{ sku: 'LS-2000', quantity: 20, note: '冷库使用' }],
    channel: 'key_account',
    region: { province: '37' },
    accountId: null,
    referredBy: null,
    eventName: null,
    ownerId: 'owner-unset',
    status: 'new',
    disqualifyReason: null,
    lastContactAt: null,
    convertedAt: null,
    convertedOpportunityId: null,
    convertedContactId: null,
    custom: {},
    ...overrides,
  };
}

export function buildOpportunity(tenantId: string, overrides: Partial<Opportunity> = {}): Opportunity {
  return {
    ...stamp(tenantId, 'opp'),
    name: 'Cold-chain warehouse scanners',
    accountId: 'account-unset',
    endCustomer: {
      accountId: null,
      name: '山东高速物流',
      tender: { number: 'SDGS-2026-017', issuer: null, deadline: null },
    },
    contacts: [],
    channel: 'key_account',
    ownerId: 'owner-unset',
    team: [{ userId: 'presales-unset', role: 'presales', access: 'edit' }],
    lines: [
      {
        id: newId('line'),
        sku: 'LS-2000',
        category: 'laser_scanner',
        description: null,
        quantity: 20,
        unitPrice: cny(129_900),
      },
    ],
    currency: 'CNY',
    amount: cny(2_598_000),
    stage: 'qualification',
    probability: 10,
    forecastCategory: 'pipeline',
    stageEnteredAt: BASE_INSTANT,
    expectedClose: '2026-06-30',
    requiredDelivery: null,
    region: { province: '37', city: '3701' },
    competitors: ['Honeywell'],
    lostReason: null,
    closedAt: null,
    leadId: null,
    duplicateOfId: null,
    custom: {},
    ...overrides,
  };
}

export function buildOrder(tenantId: string, overrides: Partial<Order> = {}): Order {
  return {
    ...stamp(tenantId, 'order'),
    number: newId('SO').toUpperCase(),
    accountId: 'account-unset',
    opportunityId: null,
    channel: 'distribution',
    ownerId: 'owner-unset',
    status: 'confirmed',
    lines: [
      {
        id: newId('oline'),
        sku: 'LS-2000',
        description: null,
        quantity: 2,
        unitPrice: cny(129_900),
        shippedQuantity: 0,
        serials: [],
        warrantyUntil: null,
      },
    ],
    currency: 'CNY',
    amount: cny(259_800),
    promisedDelivery: '2026-04-15',
    deliveredAt: null,
    cancelReason: null,
    warrantyMonths: 12,
    custom: {},
    ...overrides,
  };
}

export function buildServiceCase(tenantId: string, overrides: Partial<ServiceCase> = {}): ServiceCase {
  return {
    ...stamp(tenantId, 'case'),
    accountId: 'account-unset',
    orderId: 'order-unset',
    opportunityId: null,
    orderLineId: null,
    serial: 'SN-0001',
    kind: 'repair',
    status: 'open',
    summary: 'Trigger does not respond',
    underWarranty: true,
    warrantyUntil: '2027-04-15',
    ownerId: 'owner-unset',
    assigneeId: null,
    resolution: null,
    resolvedAt: null,
    custom: {},
    ...overrides,
  };
}
