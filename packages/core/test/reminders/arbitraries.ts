import fc from 'fast-check';
import type {
  ActivityReminderFacts,
  DemoLoanReminderFacts,
  LeadReminderFacts,
  OpportunityReminderFacts,
  OrderReminderFacts,
  ReminderConfig,
} from '../../src/index.js';
import { reminderChannels, reminderConfigSchema } from '../../src/index.js';

/** fast-check generators for reminder facts and configs; instants span 2020–2035. */

const MIN_MS = Date.UTC(2020, 0, 1);
const MAX_MS = Date.UTC(2035, 11, 31);
const MS_PER_DAY = 86_400_000;

export const instantArb = fc.integer({ min: MIN_MS, max: MAX_MS }).map((ms) => new Date(ms).toISOString());
export const calendarDateArb = fc
  .integer({ min: MIN_MS / MS_PER_DAY, max: MAX_MS / MS_PER_DAY })
  .map((day) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10));

// Zones with DST, half-hour DST (Lord Howe), odd offsets (Kathmandu) and the date line (Apia).
export const timeZones = [
  'Asia/Shanghai',
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Apia',
  'UTC',
] as const;

export const configArb: fc.Arbitrary<ReminderConfig> = fc
  .record({
    timeZone: fc.constantFrom(...timeZones),
    leadFollowUpDays: fc.integer({ min: 1, max: 60 }),
    nurtureFollowUpDays: fc.integer({ min: 1, max: 120 }),
    quoteExpiryNoticeDays: fc.integer({ min: 0, max: 10 }),
    deliveryNoticeDays: fc.integer({ min: 0, max: 30 }),
    afterSalesVisitMonths: fc.integer({ min: 1, max: 24 }),
    escalationDays: fc.option(fc.integer({ min: 0, max: 7 }), { nil: null }),
    noticeTime: fc.constantFrom('09:00', '08:30', '17:45'),
  })
  .map(({ timeZone, ...defaults }) => reminderConfigSchema.parse({ timeZone, defaults }));

const idArb = (prefix: string) => fc.nat({ max: 999 }).map((n) => `${prefix}_${n}`);
const channelArb = fc.constantFrom(...reminderChannels);
const ownerArb = fc.constantFrom('user_jia', 'user_yi');
const labelArb = fc.constantFrom('山东恒通系统集成有限公司', '山东瑞达科技有限公司', 'Acme Logistics');

export const leadArb: fc.Arbitrary<LeadReminderFacts> = fc.record({
  id: idArb('lead'),
  ownerId: ownerArb,
  channel: channelArb,
  status: fc.constantFrom('new', 'working', 'qualified', 'nurture', 'converted', 'disqualified'),
  label: labelArb,
  receivedAt: instantArb,
  lastCustomerContactAt: fc.option(instantArb, { nil: null }),
  latestQuote: fc.option(fc.record({ validUntil: calendarDateArb }), { nil: null }),
});

export const opportunityArb: fc.Arbitrary<OpportunityReminderFacts> = fc.record({
  id: idArb('opp'),
  ownerId: ownerArb,
  channel: channelArb,
  stage: fc.constantFrom('discovery', 'solution', 'quote', 'negotiation'),
  stageOpen: fc.boolean(),
  staleAfterDays: fc.option(fc.integer({ min: 1, max: 90 }), { nil: null }),
  stageEnteredAt: instantArb,
  label: labelArb,
});

export const activityArb: fc.Arbitrary<ActivityReminderFacts> = fc.record({
  id: idArb('act'),
  ownerId: ownerArb,
  status: fc.constantFrom('scheduled', 'completed', 'cancelled'),
  kind: fc.constantFrom('visit', 'call', 'demo'),
  startAt: instantArb,
  label: labelArb,
});

export const orderArb: fc.Arbitrary<OrderReminderFacts> = fc.record({
  id: idArb('order'),
  ownerId: ownerArb,
  channel: channelArb,
  status: fc.constantFrom('open', 'delivered', 'closed', 'cancelled'),
  promisedDelivery: fc.option(calendarDateArb, { nil: null }),
  deliveredAt: fc.option(instantArb, { nil: null }),
  lastServiceVisitAt: fc.option(instantArb, { nil: null }),
  label: labelArb,
});

export const demoLoanArb: fc.Arbitrary<DemoLoanReminderFacts> = fc.record({
  id: idArb('loan'),
  ownerId: ownerArb,
  serial: fc.constantFrom('LS2208-0042', 'MC3300-0007'),
  dueBack: calendarDateArb,
  returnedAt: fc.option(instantArb, { nil: null }),
  label: labelArb,
});
