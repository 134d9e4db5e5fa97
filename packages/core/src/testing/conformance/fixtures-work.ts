import type {
  Activity,
  CostEntry,
  DemoLoan,
  HistoryEvent,
  Quota,
  QuoteEntry,
  Reminder,
  TeamMemberRow,
} from '@gongfu/core';
import { BASE_INSTANT, cny, minutesAfterBase, newId, stamp } from './fixtures.js';

/** Builders for the work around deals: activities, demo loans, costs, quotes, reminders, history, teams. */

export function buildActivity(tenantId: string, overrides: Partial<Activity> = {}): Activity {
  return {
    ...stamp(tenantId, 'act'),
    kind: 'visit',
    subject: 'On-site survey of the cold store',
    status: 'scheduled',
    startAt: BASE_INSTANT,
    endAt: minutesAfterBase(90),
    timeZone: 'Asia/Shanghai',
    location: '济南市历城区',
    leadId: null,
    opportunityId: null,
    accountId: null,
    contactId: null,
    orderId: null,
    serviceCaseId: null,
    regarding: null,
    ownerId: 'owner-unset',
    outcome: null,
    completedAt: null,
    cancelReason: null,
    custom: {},
    ...overrides,
  };
}

export function buildDemoLoan(tenantId: string, overrides: Partial<DemoLoan> = {}): DemoLoan {
  return {
    ...stamp(tenantId, 'loan'),
    sku: 'LS-2000',
    serial: newId('SN'),
    accountId: 'account-unset',
    opportunityId: null,
    ownerId: 'owner-unset',
    loanedAt: BASE_INSTANT,
    dueBack: '2026-03-16',
    returnedAt: null,
    condition: null,
    ...overrides,
  };
}

export function buildCost(tenantId: string, overrides: Partial<CostEntry> = {}): CostEntry {
  return {
    ...stamp(tenantId, 'cost'),
    category: 'travel',
    amount: cny(86_050),
    incurredOn: '2026-03-02',
    incurredBy: 'owner-unset',
    opportunityId: null,
    accountId: null,
    leadId: null,
    description: 'High-speed rail Qingdao → Jinan',
    ...overrides,
  };
}

export function buildQuota(tenantId: string, overrides: Partial<Quota> = {}): Quota {
  return {
    ...stamp(tenantId, 'quota'),
    userId: 'owner-unset',
    scope: 'person',
    period: '2026-Q1',
    channel: null,
    target: cny(3_000_000_00),
    note: 'Q1 key accounts',
    ...overrides,
  };
}

export function buildQuote(tenantId: string, overrides: Partial<QuoteEntry> = {}): QuoteEntry {
  return {
    tenantId,
    id: newId('quote'),
    leadId: null,
    opportunityId: null,
    accountId: null,
    sku: 'LS-2000',
    quantity: 20,
    unitPrice: cny(119_900),
    validUntil: '2026-04-01',
    quotedBy: 'owner-unset',
    quotedAt: BASE_INSTANT,
    note: null,
    ...overrides,
  };
}

export function buildReminder(tenantId: string, overrides: Partial<Reminder> = {}): Reminder {
  const subjectId = overrides.subjectId ?? newId('lead');
  const subjectType = overrides.subjectType ?? 'lead';
  return {
    tenantId,
    id: newId('rem'),
    // Keys are the rule's identity for a subject (unique per tenant in the SQL storage).
    key: `follow_up:${subjectType}_${subjectId}`,
    kind: 'follow_up',
    subjectType,
    subjectId,
    userId: 'owner-unset',
    dueAt: BASE_INSTANT,
    escalateAt: null,
    message: 'Follow up the new lead',
    detail: { key: 'reminder.leadFollowUp', params: { label: '恒通', days: 3 } },
    acknowledgedAt: null,
    snoozedUntil: null,
    deliveredAt: null,
    escalatedAt: null,
    version: 1,
    ...overrides,
  };
}

export type NewHistoryEvent = Omit<HistoryEvent, 'seq' | 'tenantId'>;

export function buildHistoryEvent(overrides: Partial<NewHistoryEvent> = {}): NewHistoryEvent {
  return {
    entityType: 'lead',
    entityId: 'lead-unset',
    event: 'lead.captured',
    actorId: 'actor-unset',
    at: BASE_INSTANT,
    version: 1,
    changes: { status: { from: null, to: 'new' } },
    meta: null,
    ...overrides,
  };
}

export function buildTeamMember(overrides: Partial<TeamMemberRow> = {}): TeamMemberRow {
  return { userId: newId('user'), role: 'presales', access: 'edit', isOwner: false, ...overrides };
}
