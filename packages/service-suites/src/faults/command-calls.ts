import type { Crm } from '@gongfu/core';
import { type ServiceWorld, storyLead } from '../support/harness.js';
import {
  accountWithContact,
  cny,
  confirmedOrder,
  convertedDeal,
  DEALER_PIPELINE,
  deliveredOrder,
  draftOrder,
  freshCompany,
  leadReminder,
  openCase,
  quotedLead,
  scheduledVisit,
  shippedOrder,
  wonDeal,
} from './command-fixtures.js';

// No vitest import here: the crash test's child process (plain tsx) runs these calls.

/** The members of `Crm` that are command areas (everything but the service's own handles). */
type AreaName = Exclude<
  {
    [K in keyof Crm]: Crm[K] extends (...args: never[]) => unknown
      ? never
      : Crm[K] extends object
        ? K
        : never;
  }[keyof Crm],
  'system' | 'storage' | 'clock' | 'locales'
>;

/** `<area>.<verb>` for every function of every area of `Crm`. */
export type CommandName = {
  [A in AreaName]: `${A}.${Extract<{ [V in keyof Crm[A]]: Crm[A][V] extends (...args: never) => unknown ? V : never }[keyof Crm[A]], string>}`;
}[AreaName];

/**
 * Builds what one call of a command needs in a fresh world, and returns the call. The call may be
 * made again after a failed attempt: it must not depend on anything the attempt would have changed.
 */
export type PrepareCall = (w: ServiceWorld) => Promise<() => Promise<unknown>>;

const later = '2026-03-05T09:00:00+08:00';

/**
 * One successful call of EVERY member of `Crm`: reads too, so that which commands write (and how
 * many writes each makes) is measured by running them, not kept by hand. The type has a key per
 * member: a new command does not compile until it has its call here.
 */
export const COMMAND_CALLS: Record<CommandName, PrepareCall> = {
  // users
  'users.create':
    async ({ crm, org }) =>
    () =>
      crm.users.create(org.manager, { name: '销售员丁', role: 'sales_rep', managerId: org.manager.id }),
  'users.update':
    async ({ crm, org }) =>
    () =>
      crm.users.update(org.admin, org.otherRep.id, { managerId: org.manager.id }),
  'users.deactivate':
    async ({ crm, org }) =>
    () =>
      crm.users.deactivate(org.admin, org.repB.id),
  'users.get':
    async ({ crm, org }) =>
    () =>
      crm.users.get(org.admin, org.repA.id),
  'users.list':
    async ({ crm, org }) =>
    () =>
      crm.users.list(org.admin),

  // products
  'products.create':
    async ({ crm, org }) =>
    () =>
      crm.products.create(org.admin, { sku: 'ZT411', name: 'Zebra ZT411', category: 'printer' }),
  'products.update':
    async ({ crm, org }) =>
    () =>
      crm.products.update(org.admin, 'LS4208', { active: false }),
  'products.get':
    async ({ crm, org }) =>
    () =>
      crm.products.get(org.admin, 'LS2208'),
  'products.list':
    async ({ crm, org }) =>
    () =>
      crm.products.list(org.admin),

  // accounts
  'accounts.create':
    async ({ crm, org }) =>
    () =>
      crm.accounts.create(org.repA, { name: '青岛港务集团', kind: 'end_user', phones: ['0532-8888 1234'] }),
  'accounts.update': async (w) => {
    const { account } = await accountWithContact(w);
    return () => w.crm.accounts.update(w.org.repA, account.id, { name: '济南华信物流', expectedVersion: 1 });
  },
  'accounts.get': async (w) => {
    const { account } = await accountWithContact(w);
    return () => w.crm.accounts.get(w.org.repA, account.id);
  },
  'accounts.list':
    async ({ crm, org }) =>
    () =>
      crm.accounts.list(org.repA),
  'accounts.search':
    async ({ crm, org }) =>
    () =>
      crm.accounts.search(org.repA, { query: '恒通' }),
  'accounts.addTeamMember': async (w) => {
    const { account } = await accountWithContact(w);
    return () =>
      w.crm.accounts.addTeamMember(w.org.repA, account.id, {
        userId: w.org.repB.id,
        role: 'sales',
        access: 'read',
      });
  },
  'accounts.removeTeamMember': async (w) => {
    const { account } = await accountWithContact(w);
    await w.crm.accounts.addTeamMember(w.org.repA, account.id, { userId: w.org.repB.id, role: 'sales' });
    return () => w.crm.accounts.removeTeamMember(w.org.repA, account.id, w.org.repB.id);
  },
  'accounts.team': async (w) => {
    const { account } = await convertedDeal(w);
    return () => w.crm.accounts.team(w.org.repA, account.id);
  },
  'accounts.merge': async (w) => {
    const survivor = await convertedDeal(w, '山东恒通系统集成有限公司');
    const merged = await convertedDeal(w, '山东恒通系统集成');
    return () =>
      w.crm.accounts.merge(w.org.manager, { survivorId: survivor.account.id, mergedId: merged.account.id });
  },
  'accounts.undoMerge': async (w) => {
    const survivor = await convertedDeal(w, '青岛港务');
    const merged = await convertedDeal(w, '青岛港务集团');
    const merge = await w.crm.accounts.merge(w.org.manager, {
      survivorId: survivor.account.id,
      mergedId: merged.account.id,
    });
    return () => w.crm.accounts.undoMerge(w.org.manager, merge.id);
  },
  'accounts.timeline': async (w) => {
    const { account } = await convertedDeal(w);
    return () => w.crm.accounts.timeline(w.org.repA, account.id);
  },

  // contacts
  'contacts.create': async (w) => {
    const { account } = await accountWithContact(w);
    return () =>
      w.crm.contacts.create(w.org.repA, { accountId: account.id, name: '周总', phone: '13800000000' });
  },
  'contacts.update': async (w) => {
    const { contact } = await accountWithContact(w);
    return () => w.crm.contacts.update(w.org.repA, contact.id, { title: '信息中心主任' });
  },
  'contacts.get': async (w) => {
    const { contact } = await accountWithContact(w);
    return () => w.crm.contacts.get(w.org.repA, contact.id);
  },
  'contacts.list': async (w) => {
    const { account } = await accountWithContact(w);
    return () => w.crm.contacts.list(w.org.repA, { accountId: account.id });
  },
  'contacts.search':
    async ({ crm, org }) =>
    () =>
      crm.contacts.search(org.repA, { query: '王' }),

  // leads
  'leads.capture': async ({ crm, org }) => {
    const input = storyLead({ company: freshCompany() });
    return () => crm.leads.capture(org.repA, input);
  },
  'leads.update': async (w) => {
    const lead = await w.crm.leads.capture(w.org.repA, storyLead({ company: freshCompany() }));
    return () =>
      w.crm.leads.update(w.org.repA, lead.id, {
        contact: { name: '王工', phone: '0531-8888 0001', email: 'wang@hengtong.example' },
        expectedVersion: 1,
      });
  },
  'leads.logContact': async (w) => {
    const lead = await w.crm.leads.capture(w.org.repA, storyLead({ company: freshCompany() }));
    return () =>
      w.crm.leads.logContact(w.org.repA, lead.id, {
        kind: 'call',
        at: w.clock.now(),
        outcome: { summary: '客户有兴趣' },
      });
  },
  'leads.quote': async (w) => {
    const lead = await w.crm.leads.capture(w.org.repA, storyLead({ company: freshCompany() }));
    return () =>
      w.crm.leads.quote(w.org.repA, lead.id, {
        sku: 'LS2208',
        quantity: 200,
        unitPrice: cny(120_000),
        validUntil: '2026-04-30',
      });
  },
  'leads.lastQuote': async (w) => {
    const lead = await quotedLead(w);
    return () => w.crm.leads.lastQuote(w.org.repA, { leadId: lead.id });
  },
  'leads.quotes': async (w) => {
    const lead = await quotedLead(w);
    return () => w.crm.leads.quotes(w.org.repA, lead.id);
  },
  'leads.qualify': async (w) => {
    const lead = await w.crm.leads.capture(w.org.repA, storyLead({ company: freshCompany() }));
    return () => w.crm.leads.qualify(w.org.repA, lead.id);
  },
  'leads.disqualify': async (w) => {
    const lead = await w.crm.leads.capture(w.org.repA, storyLead({ company: freshCompany() }));
    return () => w.crm.leads.disqualify(w.org.repA, lead.id, { reason: '无预算' });
  },
  'leads.nurture': async (w) => {
    const lead = await w.crm.leads.capture(w.org.repA, storyLead({ company: freshCompany() }));
    return () => w.crm.leads.nurture(w.org.repA, lead.id);
  },
  'leads.recycle': async (w) => {
    const lead = await w.crm.leads.capture(w.org.repA, storyLead({ company: freshCompany() }));
    await w.crm.leads.nurture(w.org.repA, lead.id);
    return () => w.crm.leads.recycle(w.org.repA, lead.id);
  },
  'leads.convert': async (w) => {
    const lead = await quotedLead(w);
    return () =>
      w.crm.leads.convert(w.org.repA, lead.id, {
        account: { kind: 'system_integrator' },
        team: [{ userId: w.org.presales.id, role: 'presales' }],
      });
  },
  'leads.get': async (w) => {
    const lead = await quotedLead(w);
    return () => w.crm.leads.get(w.org.repA, lead.id);
  },
  'leads.list':
    async ({ crm, org }) =>
    () =>
      crm.leads.list(org.repA),

  // opportunities
  'opportunities.migratePipeline': async (w) => {
    const { crm, org } = w;
    const dealer = await crm.accounts.create(org.otherRep, {
      name: freshCompany('临沂经销商'),
      kind: 'dealer',
    });
    const old = await crm.opportunities.create(org.otherRep, {
      name: '老单',
      accountId: dealer.id,
      channel: 'distribution',
      lines: [{ sku: 'DS2208', quantity: 10, unitPrice: cny(500_00) }],
    });
    await crm.opportunities.advance(org.otherRep, old.id, { to: 'proposal' });
    const config = await crm.config.get(org.admin);
    await crm.config.update(org.admin, {
      expectedVersion: config.version,
      pipelines: { distribution: DEALER_PIPELINE },
    });
    return () => crm.opportunities.migratePipeline(org.otherRep, old.id, { stageMap: { proposal: 'offer' } });
  },
  'opportunities.create': async (w) => {
    const { account } = await accountWithContact(w);
    return () =>
      w.crm.opportunities.create(w.org.repA, {
        name: '仓储条码项目',
        accountId: account.id,
        channel: 'key_account',
        lines: [{ sku: 'LS2208', quantity: 20, unitPrice: cny(120_000) }],
        team: [{ userId: w.org.presales.id, role: 'presales' }],
      });
  },
  'opportunities.update': async (w) => {
    const { opportunity } = await convertedDeal(w);
    return () => w.crm.opportunities.update(w.org.repA, opportunity.id, { name: '仓储条码二期' });
  },
  'opportunities.linkEndCustomer': async (w) => {
    const { opportunity } = await convertedDeal(w);
    return () =>
      w.crm.opportunities.linkEndCustomer(w.org.repA, opportunity.id, {
        name: '山东物流集团',
        tender: { number: 'SD-2026-0315', issuer: '山东省公共资源交易中心', deadline: '2026-04-20' },
      });
  },
  'opportunities.addContact': async (w) => {
    const { opportunity, account } = await convertedDeal(w);
    const zhou = await w.crm.contacts.create(w.org.repA, { accountId: account.id, name: '周总' });
    return () =>
      w.crm.opportunities.addContact(w.org.repA, opportunity.id, { contactId: zhou.id, role: 'influencer' });
  },
  'opportunities.removeContact': async (w) => {
    const { opportunity, account } = await convertedDeal(w);
    const zhou = await w.crm.contacts.create(w.org.repA, { accountId: account.id, name: '周总' });
    await w.crm.opportunities.addContact(w.org.repA, opportunity.id, {
      contactId: zhou.id,
      role: 'influencer',
    });
    return () => w.crm.opportunities.removeContact(w.org.repA, opportunity.id, zhou.id);
  },
  'opportunities.advance': async (w) => {
    const { opportunity } = await convertedDeal(w);
    return () => w.crm.opportunities.advance(w.org.repA, opportunity.id, { to: 'solution' });
  },
  'opportunities.retreat': async (w) => {
    const { opportunity } = await convertedDeal(w);
    await w.crm.opportunities.advance(w.org.repA, opportunity.id, { to: 'solution' });
    return () => w.crm.opportunities.retreat(w.org.repA, opportunity.id, { to: 'needs_analysis' });
  },
  'opportunities.addLine': async (w) => {
    const { opportunity } = await convertedDeal(w);
    return () =>
      w.crm.opportunities.addLine(w.org.repA, opportunity.id, {
        sku: 'SRV-R740',
        quantity: 1,
        unitPrice: cny(4_500_000),
      });
  },
  'opportunities.removeLine': async (w) => {
    const { opportunity } = await convertedDeal(w);
    const withServer = await w.crm.opportunities.addLine(w.org.repA, opportunity.id, {
      sku: 'SRV-R740',
      quantity: 1,
      unitPrice: cny(4_500_000),
    });
    const server = withServer.lines.find((l) => l.sku === 'SRV-R740')!;
    return () => w.crm.opportunities.removeLine(w.org.repA, opportunity.id, server.id);
  },
  'opportunities.addTeamMember': async (w) => {
    const { opportunity } = await convertedDeal(w);
    return () =>
      w.crm.opportunities.addTeamMember(w.org.repA, opportunity.id, {
        userId: w.org.repB.id,
        role: 'sales',
        access: 'read',
      });
  },
  'opportunities.removeTeamMember': async (w) => {
    const { opportunity } = await convertedDeal(w);
    return () => w.crm.opportunities.removeTeamMember(w.org.repA, opportunity.id, w.org.presales.id);
  },
  'opportunities.win': async (w) => {
    const { opportunity } = await convertedDeal(w);
    return () =>
      w.crm.opportunities.win(w.org.repA, opportunity.id, {
        createOrder: { promisedDelivery: '2026-06-30', warrantyMonths: 24 },
      });
  },
  'opportunities.lose': async (w) => {
    const { opportunity } = await convertedDeal(w);
    return () =>
      w.crm.opportunities.lose(w.org.repA, opportunity.id, { reason: '价格', competitor: '竞争对手A' });
  },
  'opportunities.reopen': async (w) => {
    const { opportunity } = await convertedDeal(w);
    await w.crm.opportunities.lose(w.org.repA, opportunity.id, { reason: '价格' });
    return () => w.crm.opportunities.reopen(w.org.repA, opportunity.id);
  },
  'opportunities.get': async (w) => {
    const { opportunity } = await convertedDeal(w);
    return () => w.crm.opportunities.get(w.org.repA, opportunity.id);
  },
  'opportunities.explainAccess': async (w) => {
    const { opportunity } = await convertedDeal(w);
    return () => w.crm.opportunities.explainAccess(w.org.presales, opportunity.id);
  },
  'opportunities.list':
    async ({ crm, org }) =>
    () =>
      crm.opportunities.list(org.repA),
  'opportunities.pipeline':
    async ({ crm, org }) =>
    () =>
      crm.opportunities.pipeline(org.repA, 'distribution'),
  'opportunities.stageInfo':
    async ({ crm }) =>
    async () =>
      crm.opportunities.stageInfo('key_account', 'bid'),

  // orders
  'orders.createFromOpportunity': async (w) => {
    const deal = await wonDeal(w);
    return () => w.crm.orders.createFromOpportunity(w.org.repA, deal.id, { warrantyMonths: 12 });
  },
  'orders.createDirect': async (w) => {
    const dealer = await w.crm.accounts.create(w.org.otherRep, {
      name: freshCompany('烟台经销商'),
      kind: 'dealer',
    });
    return () =>
      w.crm.orders.createDirect(w.org.otherRep, {
        accountId: dealer.id,
        lines: [{ sku: 'LS2208', quantity: 10, unitPrice: cny(118_000) }],
      });
  },
  'orders.confirm': async (w) => {
    const order = await draftOrder(w);
    return () => w.crm.orders.confirm(w.org.otherRep, order.id);
  },
  'orders.ship': async (w) => {
    const order = await confirmedOrder(w);
    return () =>
      w.crm.orders.ship(w.org.otherRep, order.id, {
        lines: [{ lineId: order.lines[0]!.id, quantity: 2, serials: ['LS-1', 'LS-2'] }],
      });
  },
  'orders.deliver': async (w) => {
    const order = await shippedOrder(w);
    return () => w.crm.orders.deliver(w.org.otherRep, order.id);
  },
  'orders.close': async (w) => {
    const order = await deliveredOrder(w);
    return () => w.crm.orders.close(w.org.otherRep, order.id);
  },
  'orders.cancel': async (w) => {
    const order = await confirmedOrder(w);
    return () => w.crm.orders.cancel(w.org.otherRep, order.id, { reason: '客户预算取消' });
  },
  'orders.get': async (w) => {
    const order = await draftOrder(w);
    return () => w.crm.orders.get(w.org.otherRep, order.id);
  },
  'orders.list':
    async ({ crm, org }) =>
    () =>
      crm.orders.list(org.admin),

  // service cases
  'serviceCases.open': async (w) => {
    const order = await deliveredOrder(w);
    return () =>
      w.crm.serviceCases.open(w.org.admin, {
        orderId: order.id,
        serial: 'LS-2',
        kind: 'repair',
        summary: '坏了',
      });
  },
  'serviceCases.progress': async (w) => {
    const opened = await openCase(w);
    return () => w.crm.serviceCases.progress(w.org.admin, opened.id, { to: 'diagnosing' });
  },
  'serviceCases.resolve': async (w) => {
    const opened = await openCase(w);
    await w.crm.serviceCases.progress(w.org.admin, opened.id, { to: 'diagnosing' });
    await w.crm.serviceCases.progress(w.org.admin, opened.id, { to: 'repair', note: '更换扫描引擎' });
    return () => w.crm.serviceCases.resolve(w.org.admin, opened.id, { resolution: '更换扫描引擎后读码正常' });
  },
  'serviceCases.close': async (w) => {
    const opened = await openCase(w);
    await w.crm.serviceCases.progress(w.org.admin, opened.id, { to: 'diagnosing' });
    await w.crm.serviceCases.progress(w.org.admin, opened.id, { to: 'repair' });
    await w.crm.serviceCases.resolve(w.org.admin, opened.id, { resolution: '已修复' });
    return () => w.crm.serviceCases.close(w.org.admin, opened.id);
  },
  'serviceCases.reopen': async (w) => {
    const opened = await openCase(w);
    await w.crm.serviceCases.progress(w.org.admin, opened.id, { to: 'diagnosing' });
    await w.crm.serviceCases.progress(w.org.admin, opened.id, { to: 'repair' });
    await w.crm.serviceCases.resolve(w.org.admin, opened.id, { resolution: '已修复' });
    return () => w.crm.serviceCases.reopen(w.org.admin, opened.id);
  },
  'serviceCases.get': async (w) => {
    const opened = await openCase(w);
    return () => w.crm.serviceCases.get(w.org.admin, opened.id);
  },
  'serviceCases.list':
    async ({ crm, org }) =>
    () =>
      crm.serviceCases.list(org.admin),

  // activities
  'activities.schedule': async (w) => {
    const { opportunity } = await convertedDeal(w);
    return () =>
      w.crm.activities.schedule(w.org.repA, {
        kind: 'visit',
        subject: '拜访客户',
        startAt: '2026-03-10T14:00:00+08:00',
        opportunityId: opportunity.id,
      });
  },
  'activities.reschedule': async (w) => {
    const visit = await scheduledVisit(w);
    return () => w.crm.activities.reschedule(w.org.repA, visit.id, { startAt: '2026-03-06T14:00:00+08:00' });
  },
  'activities.complete': async (w) => {
    const visit = await scheduledVisit(w);
    return () =>
      w.crm.activities.complete(w.org.repA, visit.id, {
        outcome: { opinion: 'positive', summary: '认可方案, 关注交期' },
      });
  },
  'activities.cancel': async (w) => {
    const visit = await scheduledVisit(w);
    return () => w.crm.activities.cancel(w.org.repA, visit.id, { reason: 'customer travelling' });
  },
  'activities.get': async (w) => {
    const visit = await scheduledVisit(w);
    return () => w.crm.activities.get(w.org.repA, visit.id);
  },
  'activities.list':
    async ({ crm, org }) =>
    () =>
      crm.activities.list(org.repA),
  'activities.calendar':
    async ({ crm, org }) =>
    () =>
      crm.activities.calendar(org.repA, { view: 'week', date: '2026-03-10' }),

  // demo loans
  'demoLoans.lend': async (w) => {
    const { account } = await accountWithContact(w);
    return () =>
      w.crm.demoLoans.lend(w.org.repA, {
        sku: 'MC3300',
        serial: 'DEMO-9',
        accountId: account.id,
        dueBack: '2026-03-10',
      });
  },
  'demoLoans.return': async (w) => {
    const { account } = await accountWithContact(w);
    const loan = await w.crm.demoLoans.lend(w.org.repA, {
      sku: 'MC3300',
      serial: 'DEMO-1',
      accountId: account.id,
      dueBack: '2026-03-10',
    });
    return () => w.crm.demoLoans.return(w.org.repA, loan.id, { condition: '外壳轻微划痕' });
  },
  'demoLoans.get': async (w) => {
    const { account } = await accountWithContact(w);
    const loan = await w.crm.demoLoans.lend(w.org.repA, {
      sku: 'MC3300',
      serial: 'DEMO-2',
      accountId: account.id,
      dueBack: '2026-03-10',
    });
    return () => w.crm.demoLoans.get(w.org.repA, loan.id);
  },
  'demoLoans.list':
    async ({ crm, org }) =>
    () =>
      crm.demoLoans.list(org.repA),

  // costs
  'costs.record': async (w) => {
    const { opportunity } = await convertedDeal(w);
    return () =>
      w.crm.costs.record(w.org.repA, {
        category: 'travel',
        amount: cny(300_00),
        incurredOn: '2026-03-02',
        opportunityId: opportunity.id,
      });
  },
  'costs.correct': async (w) => {
    const { account } = await accountWithContact(w);
    const cost = await w.crm.costs.record(w.org.repA, {
      category: 'travel',
      amount: cny(98_00),
      incurredOn: '2026-03-02',
      accountId: account.id,
    });
    return () =>
      w.crm.costs.correct(w.org.repA, cost.id, { amount: cny(98_50), reason: 'the receipt said 98.50' });
  },
  'costs.get': async (w) => {
    const { account } = await accountWithContact(w);
    const cost = await w.crm.costs.record(w.org.repA, {
      category: 'entertainment',
      amount: cny(120_00),
      incurredOn: '2026-03-02',
      accountId: account.id,
    });
    return () => w.crm.costs.get(w.org.repA, cost.id);
  },
  'costs.list':
    async ({ crm, org }) =>
    () =>
      crm.costs.list(org.repA),
  'costs.total':
    async ({ crm, org }) =>
    () =>
      crm.costs.total(org.manager),

  // quotas
  'quotas.set':
    async ({ crm, org }) =>
    () =>
      crm.quotas.set(org.manager, { userId: org.repA.id, period: '2026-Q2', target: cny(3_000_000_00) }),
  'quotas.get': async ({ crm, org }) => {
    const quota = await crm.quotas.set(org.manager, {
      userId: org.repA.id,
      period: '2026-Q1',
      target: cny(1_000_00),
    });
    return () => crm.quotas.get(org.manager, quota.id);
  },
  'quotas.list':
    async ({ crm, org }) =>
    () =>
      crm.quotas.list(org.manager),

  // search, ownership, reminders, history, duplicates, events, access, config
  'search.find': async (w) => {
    await convertedDeal(w);
    return () => w.crm.search.find(w.org.repA, { q: 'hengtong' });
  },
  'ownership.transfer': async (w) => {
    // 乙's book: a lead, a deal with a visit and a demo loan, and a seat on 甲's deal team.
    const { crm, org } = w;
    await crm.leads.capture(org.repB, storyLead({ company: freshCompany() }));
    const { account } = await accountWithContact(w, org.repB);
    const deal = await crm.opportunities.create(org.repB, {
      name: '乙的项目',
      accountId: account.id,
      channel: 'key_account',
      lines: [{ sku: 'LS2208', quantity: 5, unitPrice: cny(120_000) }],
    });
    await crm.activities.schedule(org.repB, {
      kind: 'visit',
      subject: '拜访',
      startAt: '2026-03-10T14:00:00+08:00',
      opportunityId: deal.id,
    });
    await crm.demoLoans.lend(org.repB, {
      sku: 'MC3300',
      serial: 'DEMO-3',
      accountId: account.id,
      dueBack: '2026-03-10',
    });
    const { opportunity } = await convertedDeal(w);
    await crm.opportunities.addTeamMember(org.repA, opportunity.id, { userId: org.repB.id, role: 'sales' });
    return () => crm.ownership.transfer(org.manager, { from: org.repB.id, to: org.repA.id });
  },
  'reminders.due':
    async ({ crm, org }) =>
    () =>
      crm.reminders.due(org.repA, { at: later }),
  'reminders.escalations':
    async ({ crm, org }) =>
    () =>
      crm.reminders.escalations(org.manager, { at: later }),
  'reminders.acknowledge': async (w) => {
    const reminder = await leadReminder(w);
    return () => w.crm.reminders.acknowledge(w.org.repA, reminder.id);
  },
  'reminders.snooze': async (w) => {
    const reminder = await leadReminder(w);
    return () => w.crm.reminders.snooze(w.org.repA, reminder.id, { until: later });
  },
  'history.forRecord': async (w) => {
    const lead = await quotedLead(w);
    return () => w.crm.history.forRecord(w.org.repA, 'lead', lead.id);
  },
  'duplicates.linkAsSameDeal': async (w) => {
    const a = await convertedDeal(w);
    const b = await w.crm.opportunities.create(w.org.repB, {
      name: '同一项目',
      accountId: (await accountWithContact(w, w.org.repB)).account.id,
      channel: 'key_account',
    });
    return () =>
      w.crm.duplicates.linkAsSameDeal(w.org.manager, {
        keepId: a.opportunity.id,
        releaseId: b.id,
        reason: '同一最终用户的招标',
      });
  },
  'duplicates.markNotDuplicate': async (w) => {
    const a = await convertedDeal(w);
    const b = await convertedDeal(w);
    return () =>
      w.crm.duplicates.markNotDuplicate(w.org.manager, { aId: a.opportunity.id, bId: b.opportunity.id });
  },
  'duplicates.resolutions':
    async ({ crm, org }) =>
    () =>
      crm.duplicates.resolutions(org.manager),
  'events.since':
    async ({ crm }) =>
    () =>
      crm.events.since(crm.system, null, { limit: 50 }),
  'access.explain': async (w) => {
    const lead = await quotedLead(w);
    return () => w.crm.access.explain(w.org.manager, 'lead', lead.id);
  },
  'config.get':
    async ({ crm, org }) =>
    () =>
      crm.config.get(org.admin),
  'config.update':
    async ({ crm, org }) =>
    () =>
      crm.config.update(org.admin, { expectedVersion: 0, pipelines: { distribution: DEALER_PIPELINE } }),
  'config.history':
    async ({ crm, org }) =>
    () =>
      crm.config.history(org.admin),
};
