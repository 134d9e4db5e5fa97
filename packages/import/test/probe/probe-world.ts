import { type Crm, type CrmStorage, createCrm, ManualClock, type User } from '@gongfu/core';
import { z } from 'zod';

/**
 * A small workspace built through the public API only, as an app would: two managers, each with a
 * rep. Rep A (under M1) holds a lead, a customer with a contact, a deal with an end customer, a
 * visit, a cost and an order; rep B (under M2) holds a deal of his own. Every probe asks as B about
 * A's records: nothing of them may come back, in any read.
 */
export interface ProbeWorld {
  crm: Crm;
  clock: ManualClock;
  admin: User;
  m1: User;
  m2: User;
  a: User;
  b: User;
  /** Ids of A's records, which B may not open. */
  hiddenIds: Record<
    'lead' | 'account' | 'contact' | 'opportunity' | 'endCustomer' | 'activity' | 'cost' | 'order',
    string
  >;
  /** Names only A's records carry (B's own records never use them). */
  hiddenTexts: string[];
  bDealId: string;
}

/** The app's own fields, declared as the README shows (prototype-named fields included on purpose). */
export const PROBE_FIELDS = {
  opportunity: { industryCode: z.string(), budgetYear: z.number().int() },
  lead: { constructor: z.string(), score: z.number() },
};

export const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const;

export async function openProbeWorld(storage: CrmStorage): Promise<ProbeWorld> {
  const clock = new ManualClock('2026-03-02T01:00:00.000Z');
  const crm = createCrm({ storage, clock, timeZone: 'Asia/Shanghai', fields: PROBE_FIELDS });
  const admin = await crm.users.create(crm.system, { name: 'Admin', role: 'admin' });
  const m1 = await crm.users.create(admin, { name: '经理一', role: 'sales_manager' });
  const m2 = await crm.users.create(admin, { name: '经理二', role: 'sales_manager' });
  const a = await crm.users.create(m1, {
    name: '销售甲',
    role: 'sales_rep',
    managerId: m1.id,
    channel: 'key_account',
  });
  const b = await crm.users.create(m2, {
    name: '销售乙',
    role: 'sales_rep',
    managerId: m2.id,
    channel: 'key_account',
  });
  await crm.products.create(admin, {
    sku: 'LS2208',
    name: 'Scanner',
    category: 'scanner',
    listPrice: cny(1080_00),
  });

  const lead = await crm.leads.capture(a, {
    source: 'inbound_call',
    receivedAt: '2026-03-02T09:15:00+08:00',
    company: '隐秘线索公司',
    contact: { name: '钱隐秘', phone: '0531-8666 7777' },
    interests: [{ sku: 'LS2208', quantity: 20 }],
  });
  await crm.leads.quote(a, lead.id, {
    sku: 'LS2208',
    quantity: 20,
    unitPrice: cny(970_00),
    validUntil: '2026-03-31',
  });
  const account = await crm.accounts.create(a, {
    name: '隐秘科技有限公司',
    kind: 'system_integrator',
    creditCode: '91370100MA3C4XKQ7Y',
    phones: ['0531-8888 1234'],
  });
  const contact = await crm.contacts.create(a, {
    accountId: account.id,
    name: '赵秘书',
    mobile: '139 0532 9876',
  });
  const deal = await crm.opportunities.create(a, {
    name: '隐秘仓储项目',
    accountId: account.id,
    channel: 'key_account',
    lines: [{ sku: 'LS2208', quantity: 50, unitPrice: cny(990_00) }],
    custom: { industryCode: 'C39', budgetYear: 2026 },
  });
  const linked = await crm.opportunities.linkEndCustomer(a, deal.id, {
    name: '隐秘终端集团',
    tender: 'T-HIDDEN-7',
  });
  const visit = await crm.activities.schedule(a, {
    kind: 'visit',
    subject: '拜访隐秘科技',
    startAt: '2026-03-10T14:00:00+08:00',
    opportunityId: deal.id,
  });
  const cost = await crm.costs.record(a, {
    category: 'travel',
    amount: cny(1260_50),
    incurredOn: '2026-03-10',
    opportunityId: deal.id,
    description: '隐秘出差',
  });
  const order = await crm.orders.createDirect(a, {
    accountId: account.id,
    lines: [{ sku: 'LS2208', quantity: 5, unitPrice: cny(1000_00) }],
  });

  const bAccount = await crm.accounts.create(b, { name: '乙方客户公司', kind: 'system_integrator' });
  const bDeal = await crm.opportunities.create(b, {
    name: '乙方项目',
    accountId: bAccount.id,
    channel: 'key_account',
    lines: [{ sku: 'LS2208', quantity: 49, unitPrice: cny(995_00) }],
  });
  return {
    crm,
    clock,
    admin,
    m1,
    m2,
    a,
    b,
    hiddenIds: {
      lead: lead.id,
      account: account.id,
      contact: contact.id,
      opportunity: deal.id,
      endCustomer: linked.endCustomer?.accountId ?? '',
      activity: visit.id,
      cost: cost.id,
      order: order.id,
    },
    hiddenTexts: [
      '隐秘',
      '钱隐秘',
      '赵秘书',
      'T-HIDDEN-7',
      '8666 7777',
      '0532 9876',
      '91370100MA3C4XKQ7Y',
      order.number,
    ],
    bDealId: bDeal.id,
  };
}

/** Fails a call that does not settle in time, so a hang is a named failure instead of a stuck run. */
export async function settles<T>(label: string, call: () => Promise<T>, ms = 20_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label} did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([call(), hang]);
  } finally {
    clearTimeout(timer);
  }
}
