import type { Opportunity, Order, PipelineStagesInput, User } from '@gongfu/core';
import { type ServiceWorld, storyLead } from '../support/harness.js';

// No vitest import here: the crash test's child process (plain tsx) builds its command from these.

export const cny = (amount: number) => ({ amount, currency: 'CNY' });

let companyCounter = 0;
/** A company name no other fixture of the process used (duplicate checks stay quiet). */
export const freshCompany = (prefix = '山东恒通系统集成') => `${prefix}${++companyCounter}号`;

/** A lead of 销售员甲 with one quote (`quantity` scanners at ¥1,200), ready to convert. */
export async function quotedLead({ crm, org }: ServiceWorld, company = freshCompany(), quantity = 2) {
  const lead = await crm.leads.capture(org.repA, storyLead({ company }));
  await crm.leads.quote(org.repA, lead.id, {
    sku: 'LS2208',
    quantity,
    unitPrice: cny(120_000),
    validUntil: '2026-04-30',
  });
  return lead;
}

/** A converted lead: account, contact and an open key-account deal of 销售员甲 with presales on it. */
export async function convertedDeal(w: ServiceWorld, company = freshCompany()) {
  const lead = await quotedLead(w, company);
  return w.crm.leads.convert(w.org.repA, lead.id, {
    account: { kind: 'system_integrator' },
    team: [{ userId: w.org.presales.id, role: 'presales' }],
  });
}

export async function wonDeal(w: ServiceWorld): Promise<Opportunity> {
  const { opportunity } = await convertedDeal(w);
  return (await w.crm.opportunities.win(w.org.repA, opportunity.id)).opportunity;
}

/** A draft direct order of two scanners for a dealer of 分销员丙. */
export async function draftOrder(w: ServiceWorld): Promise<Order> {
  const dealer = await w.crm.accounts.create(w.org.otherRep, {
    name: freshCompany('烟台经销商'),
    kind: 'dealer',
  });
  return w.crm.orders.createDirect(w.org.otherRep, {
    accountId: dealer.id,
    lines: [{ sku: 'LS2208', quantity: 2, unitPrice: cny(118_000) }],
  });
}

export async function confirmedOrder(w: ServiceWorld): Promise<Order> {
  const draft = await draftOrder(w);
  return w.crm.orders.confirm(w.org.otherRep, draft.id);
}

export async function shippedOrder(w: ServiceWorld): Promise<Order> {
  const order = await confirmedOrder(w);
  const line = order.lines[0]!;
  return w.crm.orders.ship(w.org.otherRep, order.id, {
    lines: [{ lineId: line.id, quantity: 2, serials: ['LS-1', 'LS-2'] }],
  });
}

export async function deliveredOrder(w: ServiceWorld): Promise<Order> {
  const order = await shippedOrder(w);
  return w.crm.orders.deliver(w.org.otherRep, order.id);
}

/** A repair case on a delivered order, worked by the service engineer. */
export async function openCase(w: ServiceWorld) {
  const order = await deliveredOrder(w);
  return w.crm.serviceCases.open(w.org.admin, {
    orderId: order.id,
    serial: 'LS-1',
    kind: 'repair',
    summary: '扫描不出码',
  });
}

/** An account of `owner` with a contact on it. */
export async function accountWithContact(w: ServiceWorld, owner: User = w.org.repA) {
  const account = await w.crm.accounts.create(owner, { name: freshCompany(), kind: 'end_user' });
  const contact = await w.crm.contacts.create(owner, { accountId: account.id, name: '王工' });
  return { account, contact };
}

/** A visit of 销售员甲 on a fresh deal. */
export async function scheduledVisit(w: ServiceWorld) {
  const { opportunity } = await convertedDeal(w);
  return w.crm.activities.schedule(w.org.repA, {
    kind: 'visit',
    subject: '拜访客户, 讲解方案',
    startAt: '2026-03-10T14:00:00+08:00',
    opportunityId: opportunity.id,
  });
}

/** A reminder of 销售员甲 (the follow-up a new lead gets). */
export async function leadReminder(w: ServiceWorld) {
  const lead = await w.crm.leads.capture(w.org.repA, storyLead({ company: freshCompany() }));
  const [reminder] = await w.storage.read({ tenantId: w.crm.tenantId }, (tx) =>
    tx.reminders.forSubject('lead', lead.id),
  );
  if (reminder === undefined) throw new Error('a new lead has no follow-up reminder');
  return reminder;
}

/** A dealer team's own four-stage pipeline for the distribution channel: two open stages, then won and lost. */
export const DEALER_PIPELINE: PipelineStagesInput = [
  {
    id: 'intake',
    label: '接洽',
    probability: 15,
    forecastCategory: 'pipeline',
    staleAfterDays: 7,
    kind: 'open',
  },
  {
    id: 'offer',
    label: '报价',
    probability: 60,
    forecastCategory: 'commit',
    staleAfterDays: 5,
    kind: 'open',
    entryGates: ['hasLines'],
  },
  {
    id: 'won',
    label: '成交',
    probability: 100,
    forecastCategory: 'closed',
    kind: 'won',
    entryGates: ['hasAmount'],
  },
  { id: 'lost', label: '丢单', probability: 0, forecastCategory: 'omitted', kind: 'lost' },
];
