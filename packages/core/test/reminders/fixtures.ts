import {
  type ActivityReminderFacts,
  type DemoLoanReminderFacts,
  type LeadReminderFacts,
  type OpportunityReminderFacts,
  type OrderReminderFacts,
  type ReminderConfig,
  type ReminderConfigInput,
  reminderConfigSchema,
} from '../../src/index.js';

/** Builders with a plausible record; each test overrides only the facts it is about. */

export const HENGTONG = '山东恒通系统集成有限公司';

export function config(input: ReminderConfigInput = {}): ReminderConfig {
  return reminderConfigSchema.parse(input);
}

export function lead(over: Partial<LeadReminderFacts> = {}): LeadReminderFacts {
  return {
    id: 'lead_7',
    ownerId: 'user_jia',
    channel: 'key_account',
    status: 'working',
    label: HENGTONG,
    receivedAt: '2026-03-02T01:15:00.000Z',
    lastCustomerContactAt: null,
    latestQuote: null,
    ...over,
  };
}

export function opportunity(over: Partial<OpportunityReminderFacts> = {}): OpportunityReminderFacts {
  return {
    id: 'opp_3',
    ownerId: 'user_jia',
    channel: 'key_account',
    stage: 'solution',
    stageOpen: true,
    staleAfterDays: 14,
    stageEnteredAt: '2026-03-10T02:00:00.000Z',
    label: HENGTONG,
    ...over,
  };
}

export function activity(over: Partial<ActivityReminderFacts> = {}): ActivityReminderFacts {
  return {
    id: 'act_5',
    ownerId: 'user_jia',
    status: 'scheduled',
    kind: 'visit',
    startAt: '2026-03-05T06:00:00.000Z',
    label: HENGTONG,
    ...over,
  };
}

export function order(over: Partial<OrderReminderFacts> = {}): OrderReminderFacts {
  return {
    id: 'order_9',
    ownerId: 'user_jia',
    channel: 'key_account',
    status: 'open',
    promisedDelivery: '2026-06-30',
    deliveredAt: null,
    lastServiceVisitAt: null,
    label: HENGTONG,
    ...over,
  };
}

export function demoLoan(over: Partial<DemoLoanReminderFacts> = {}): DemoLoanReminderFacts {
  return {
    id: 'loan_2',
    ownerId: 'user_jia',
    serial: 'LS2208-0042',
    dueBack: '2026-03-20',
    returnedAt: null,
    label: HENGTONG,
    ...over,
  };
}
