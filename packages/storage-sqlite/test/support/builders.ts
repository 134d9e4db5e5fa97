import type {
  Account,
  Activity,
  Contact,
  CostEntry,
  DemoLoan,
  Instant,
  Lead,
  Opportunity,
  Order,
  Product,
  ServiceCase,
  User,
} from '@gongfu/core';

/** Valid records with defaults; tests override what they are about. Instants are canonical UTC. */

let counter = 0;
export function newId(prefix: string): string {
  counter += 1;
  return `${prefix}_${counter}_${Math.random().toString(36).slice(2, 7)}`;
}

export const T0: Instant = '2026-03-02T01:15:00.000Z';

export function minutesAfter(minutes: number, base: Instant = T0): Instant {
  return new Date(Date.parse(base) + minutes * 60_000).toISOString();
}

const stamp = (tenantId: string, prefix: string) => ({
  tenantId,
  id: newId(prefix),
  version: 1,
  createdAt: T0,
  updatedAt: T0,
});

export const buildUser = (tenantId: string, o: Partial<User> = {}): User => ({
  ...stamp(tenantId, 'user'),
  name: '王芳',
  email: null,
  role: 'sales_rep',
  managerId: null,
  channel: 'key_account',
  active: true,
  deactivatedAt: null,
  ...o,
});

export const buildAccount = (tenantId: string, o: Partial<Account> = {}): Account => ({
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
  ownerId: 'u_owner',
  mergedIntoId: null,
  ...o,
});

export const buildContact = (tenantId: string, o: Partial<Contact> = {}): Contact => ({
  ...stamp(tenantId, 'contact'),
  accountId: 'acc_x',
  name: '李强',
  title: '采购经理',
  buyingRole: 'procurement',
  phone: null,
  mobile: '13800138000',
  email: 'li.qiang@example.cn',
  wechat: null,
  ownerId: 'u_owner',
  ...o,
});

export const buildProduct = (tenantId: string, o: Partial<Product> = {}): Product => ({
  ...stamp(tenantId, 'product'),
  sku: newId('SKU').toUpperCase(),
  name: 'Handheld laser scanner',
  category: 'laser_scanner',
  kind: 'standard',
  listPrice: { amount: 129_900, currency: 'CNY' },
  active: true,
  ...o,
});

export const buildLead = (tenantId: string, o: Partial<Lead> = {}): Lead => ({
  ...stamp(tenantId, 'lead'),
  source: 'inbound_call',
  receivedAt: T0,
  company: 'Qingdao Port Logistics',
  contact: { name: 'Zhang Wei', phone: '0532-1234 5678' },
  interests: [{ sku: 'DS2208', quantity: 20 }],
  channel: 'key_account',
  region: null,
  accountId: null,
  referredBy: null,
  eventName: null,
  ownerId: 'u_owner',
  status: 'new',
  disqualifyReason: null,
  lastContactAt: null,
  convertedAt: null,
  convertedOpportunityId: null,
  convertedContactId: null,
  ...o,
});

export const buildOpportunity = (tenantId: string, o: Partial<Opportunity> = {}): Opportunity => ({
  ...stamp(tenantId, 'opp'),
  name: 'Warehouse scanners',
  accountId: 'acc_x',
  endCustomer: null,
  channel: 'key_account',
  ownerId: 'u_owner',
  team: [],
  lines: [],
  currency: 'CNY',
  amount: { amount: 1_000_000, currency: 'CNY' },
  stage: 'qualification',
  probability: 10,
  forecastCategory: 'pipeline',
  stageEnteredAt: T0,
  expectedClose: '2026-06-30',
  requiredDelivery: null,
  region: null,
  competitors: [],
  lostReason: null,
  closedAt: null,
  leadId: null,
  duplicateOfId: null,
  ...o,
});

export const buildOrder = (tenantId: string, o: Partial<Order> = {}): Order => ({
  ...stamp(tenantId, 'order'),
  number: newId('SO'),
  accountId: 'acc_x',
  opportunityId: null,
  channel: 'distribution',
  ownerId: 'u_owner',
  status: 'draft',
  lines: [],
  currency: 'CNY',
  amount: { amount: 500_000, currency: 'CNY' },
  promisedDelivery: '2026-04-01',
  deliveredAt: null,
  cancelReason: null,
  warrantyMonths: 12,
  ...o,
});

export const buildServiceCase = (tenantId: string, o: Partial<ServiceCase> = {}): ServiceCase => ({
  ...stamp(tenantId, 'case'),
  accountId: 'acc_x',
  orderId: 'order_x',
  opportunityId: null,
  orderLineId: null,
  serial: 'SN-1',
  kind: 'repair',
  status: 'open',
  summary: 'Scanner does not power on',
  underWarranty: true,
  warrantyUntil: '2027-03-01',
  ownerId: 'u_owner',
  assigneeId: null,
  resolution: null,
  resolvedAt: null,
  ...o,
});

export const buildActivity = (tenantId: string, o: Partial<Activity> = {}): Activity => ({
  ...stamp(tenantId, 'act'),
  kind: 'visit',
  subject: 'Site survey',
  status: 'scheduled',
  startAt: T0,
  endAt: minutesAfter(60),
  timeZone: 'Asia/Shanghai',
  location: null,
  leadId: null,
  opportunityId: null,
  accountId: 'acc_x',
  ownerId: 'u_owner',
  outcome: null,
  completedAt: null,
  cancelReason: null,
  ...o,
});

export const buildDemoLoan = (tenantId: string, o: Partial<DemoLoan> = {}): DemoLoan => ({
  ...stamp(tenantId, 'loan'),
  sku: 'DS2208',
  serial: 'SN-DEMO-1',
  accountId: 'acc_x',
  opportunityId: null,
  ownerId: 'u_owner',
  loanedAt: T0,
  dueBack: '2026-03-16',
  returnedAt: null,
  condition: null,
  ...o,
});

export const buildCost = (tenantId: string, o: Partial<CostEntry> = {}): CostEntry => ({
  ...stamp(tenantId, 'cost'),
  category: 'travel',
  amount: { amount: 45_000, currency: 'CNY' },
  incurredOn: '2026-03-02',
  incurredBy: 'u_owner',
  opportunityId: null,
  accountId: 'acc_x',
  leadId: null,
  description: null,
  ...o,
});
