import { type Crm, isCrmError, type ManualClock, type Money } from '@gongfu/core';
import { printReports, resolveTheDuplicate } from './story-ending.js';

export interface Printer {
  heading(text: string): void;
  table(head: string[], rows: (string | number | null | undefined)[][]): void;
  yuan(m: Money): string;
  local(instant: string): string;
}

const cny = (yuan: number): Money => ({ amount: Math.round(yuan * 100), currency: 'CNY' });

export async function runStory(crm: Crm, clock: ManualClock, p: Printer): Promise<void> {
  p.heading('The sales department of 南开戈德');
  const admin = await crm.users.create(crm.system, { name: '系统管理员', role: 'admin' });
  const li = await crm.users.create(admin, { name: '李庆成', role: 'sales_manager', email: 'li@example.cn' });
  const jia = await crm.users.create(li, {
    name: '销售员甲',
    role: 'sales_rep',
    managerId: li.id,
    channel: 'key_account',
  });
  const yi = await crm.users.create(li, {
    name: '销售员乙',
    role: 'sales_rep',
    managerId: li.id,
    channel: 'key_account',
  });
  const presales = await crm.users.create(admin, { name: '张工 (售前)', role: 'presales_engineer' });
  const service = await crm.users.create(admin, { name: '赵工 (服务)', role: 'service_engineer' });
  p.table(
    ['user', 'role', 'reports to', 'channel'],
    [li, jia, yi, presales, service].map((u) => [u.name, u.role, u.managerId ? li.name : null, u.channel]),
  );

  for (const product of [
    { sku: 'LS2208', name: 'Symbol LS2208 laser scanner', category: 'laser_scanner', listPrice: cny(1080) },
    { sku: 'SRV-R740', name: 'Rack server', category: 'server', listPrice: cny(48000) },
    { sku: 'WMS-PRO', name: 'Warehouse management solution', category: 'wms', kind: 'solution' as const },
    { sku: 'NET-SW24', name: '24-port switch', category: 'network', listPrice: cny(3200) },
  ]) {
    await crm.products.create(admin, product);
  }

  p.heading('Leads arrive from four sources');
  const call = await crm.leads.capture(jia, {
    source: 'inbound_call',
    receivedAt: '2026-03-02T09:15:00+08:00',
    company: '山东恒通系统集成有限公司',
    contact: { name: '王工', phone: '0531-8888 0000', title: '项目经理' },
    interests: [
      { sku: 'LS2208', quantity: 200 },
      { sku: 'SRV-R740', quantity: 1 },
      { sku: 'WMS-PRO', quantity: 1 },
      { sku: 'NET-SW24', quantity: 4 },
    ],
    region: { province: '37' },
  });
  const referral = await crm.leads.capture(yi, {
    source: 'referral',
    referredBy: '老客户 济南物流',
    receivedAt: '2026-03-02T10:40:00+08:00',
    company: '青岛瑞达信息技术有限公司',
    contact: { name: '刘经理', mobile: '139 0532 1234' },
    // The same end-customer tender seen through another integrator: the basket differs only in noise.
    interests: [
      { sku: 'LS2208', quantity: 200 },
      { sku: 'SRV-R740', quantity: 1 },
      { sku: 'WMS-PRO', quantity: 1 },
      { sku: 'NET-SW24', quantity: 5 },
    ],
    region: { province: '37' },
  });
  const event = await crm.leads.capture(jia, {
    source: 'marketing_event',
    eventName: '2026 物流信息化展会',
    receivedAt: '2026-03-03T14:00:00+08:00',
    company: '天津港物流中心',
    contact: { name: '陈主任', email: 'chen@tjport.example.cn' },
    interests: [{ sku: 'LS2208', quantity: 30 }],
    channel: 'distribution',
  });
  const existing = await crm.accounts.create(yi, {
    name: '北京联华超市',
    kind: 'end_user',
    region: { province: '11' },
  });
  const revisit = await crm.leads.capture(yi, {
    source: 'customer_revisit',
    accountId: existing.id,
    receivedAt: '2026-03-03T16:30:00+08:00',
    company: existing.name,
    contact: { name: '孙采购' },
    interests: [{ sku: 'NET-SW24', quantity: 10 }],
    channel: 'distribution',
  });
  p.table(
    ['lead', 'source', 'company', 'owner', 'received'],
    [call, referral, event, revisit].map((l) => [
      l.id,
      l.source,
      l.company,
      l.ownerId === jia.id ? jia.name : yi.name,
      p.local(l.receivedAt),
    ]),
  );

  p.heading('甲 quotes; the ledger never forgets the last price');
  clock.set('2026-03-02T03:00:00.000Z');
  await crm.leads.quote(jia, call.id, {
    sku: 'LS2208',
    quantity: 200,
    unitPrice: cny(1020),
    validUntil: '2026-03-31',
  });
  clock.set('2026-03-02T06:00:00.000Z');
  await crm.leads.quote(jia, call.id, {
    sku: 'LS2208',
    quantity: 200,
    unitPrice: cny(980),
    validUntil: '2026-03-31',
  });
  const last = await crm.leads.lastQuote(jia, { leadId: call.id, sku: 'LS2208' });
  const ledger = await crm.leads.quotes(jia, call.id);
  p.table(
    ['quoted at', 'sku', 'qty', 'unit price', 'valid until'],
    ledger.map((q) => [p.local(q.quotedAt), q.sku, q.quantity, p.yuan(q.unitPrice), q.validUntil]),
  );
  console.log(`Last quote for LS2208: ${last ? p.yuan(last.unitPrice) : 'none'}`);

  p.heading('The customer goes quiet: four days later the follow-up is due');
  clock.set('2026-03-06T01:00:00.000Z');
  const due = await crm.reminders.due(jia);
  p.table(
    ['reminder', 'due', 'message'],
    due.map((r) => [r.kind, p.local(r.dueAt), r.message]),
  );
  try {
    await crm.leads.get(yi, call.id);
  } catch (e) {
    if (isCrmError(e, 'NOT_FOUND'))
      console.log(`乙 cannot see 甲's lead: ${e.code} (peers never see each other's records)`);
  }

  p.heading('Qualify and convert with a deal team');
  await crm.leads.logContact(jia, call.id, {
    kind: 'call',
    at: '2026-03-06T09:30:00+08:00',
    outcome: {
      metWith: '王工',
      opinion: 'positive',
      summary: '招标下月发布, 需要方案',
      newRequirements: ['WMS 要对接 SAP'],
      nextStep: '安排售前拜访',
    },
  });
  const { opportunity: dealA, account: hengtong } = await crm.leads.convert(jia, call.id, {
    account: { kind: 'system_integrator' },
    requiredDelivery: '2026-06-30',
    region: { province: '37' },
    team: [{ userId: presales.id, role: 'presales', access: 'edit' }],
  });
  await crm.leads.logContact(yi, referral.id, {
    kind: 'visit',
    at: '2026-03-06T15:00:00+08:00',
    outcome: {
      metWith: '刘经理',
      opinion: 'positive',
      summary: '要 200 台扫描枪, 6 月底交货',
      nextStep: '报价',
    },
  });
  const { opportunity: dealB } = await crm.leads.convert(yi, referral.id, {
    account: { kind: 'system_integrator' },
    requiredDelivery: '2026-07-02',
    region: { province: '37' },
  });
  p.table(
    ['deal', 'owner', 'account', 'stage', 'amount', 'delivery'],
    [dealA, dealB].map((d) => [
      d.name,
      d.ownerId === jia.id ? jia.name : yi.name,
      d.accountId,
      d.stage,
      p.yuan(d.amount),
      d.requiredDelivery,
    ]),
  );
  try {
    await crm.opportunities.advance(yi, dealB.id, { to: 'solution' });
  } catch (e) {
    if (isCrmError(e, 'INVALID_TRANSITION')) console.log(`乙 cannot move to solution yet: ${e.reason}`);
  }

  p.heading('Visits with outcomes, and the costs of selling');
  await crm.opportunities.advance(jia, dealA.id, { to: 'needs_analysis' });
  const visit = await crm.activities.schedule(jia, {
    kind: 'visit',
    subject: '拜访恒通, 售前讲解方案',
    startAt: '2026-03-10T14:00:00+08:00',
    opportunityId: dealA.id,
  });
  clock.set('2026-03-10T08:00:00.000Z');
  await crm.activities.complete(jia, visit.id, {
    outcome: {
      metWith: '王工, 李总',
      opinion: 'positive',
      summary: '认可方案, 关注交期',
      newRequirements: ['6 月底前到货'],
      nextStep: '准备投标文件',
    },
  });
  await crm.opportunities.advance(jia, dealA.id, { to: 'solution' });
  await crm.costs.record(jia, {
    category: 'travel',
    amount: cny(1260.5),
    incurredOn: '2026-03-10',
    opportunityId: dealA.id,
    description: '济南往返',
  });
  await crm.costs.record(jia, {
    category: 'entertainment',
    amount: cny(880),
    incurredOn: '2026-03-10',
    opportunityId: dealA.id,
  });
  await crm.costs.record(jia, {
    category: 'bid_fees',
    amount: cny(500),
    incurredOn: '2026-03-20',
    opportunityId: dealA.id,
  });
  const week = await crm.activities.calendar(jia, { view: 'week', date: '2026-03-10' });
  p.table(
    ['day', 'activities'],
    week.days.map((d) => [
      d.date,
      d.activities.map((a) => `${p.local(a.startAt).slice(11)} ${a.subject} (${a.status})`).join('; '),
    ]),
  );
  const costs = await crm.costs.total(li, { opportunityId: dealA.id });
  console.log(
    `Costs on 甲's deal, as the manager sees them: ${costs.map((c) => p.yuan({ amount: c.amount, currency: c.currency })).join(', ')}`,
  );

  await resolveTheDuplicate(crm, clock, p, { li, jia, yi, dealA, dealB });

  p.heading('The deal is won, becomes an order, is delivered and serviced');
  await crm.opportunities.advance(jia, dealA.id, { to: 'bid' });
  await crm.opportunities.advance(jia, dealA.id, { to: 'negotiation' });
  clock.set('2026-04-15T02:00:00.000Z');
  const { order } = await crm.opportunities.win(jia, dealA.id, {
    createOrder: { promisedDelivery: '2026-06-30' },
  });
  if (!order) throw new Error('the win should have created an order');
  await crm.orders.confirm(jia, order.id);
  const scanners = order.lines.find((l) => l.sku === 'LS2208')!;
  const serials = Array.from({ length: 200 }, (_, i) => `LS${String(i + 1).padStart(5, '0')}`);
  await crm.orders.ship(jia, order.id, { lines: [{ lineId: scanners.id, quantity: 200, serials }] });
  const rest = order.lines
    .filter((l) => l.id !== scanners.id)
    .map((l) => ({ lineId: l.id, quantity: l.quantity }));
  await crm.orders.ship(jia, order.id, { lines: rest });
  clock.set('2026-06-28T06:00:00.000Z');
  const delivered = await crm.orders.deliver(jia, order.id);
  await crm.opportunities.addTeamMember(jia, dealA.id, {
    userId: service.id,
    role: 'service',
    access: 'edit',
  });
  clock.set('2026-09-01T02:00:00.000Z');
  const repair = await crm.serviceCases.open(service, {
    orderId: order.id,
    orderLineId: scanners.id,
    serial: 'LS00017',
    kind: 'repair',
    summary: '扫描头不出光',
    assigneeId: service.id,
  });
  await crm.serviceCases.progress(service, repair.id, { to: 'diagnosing' });
  await crm.serviceCases.progress(service, repair.id, { to: 'repair' });
  const fixed = await crm.serviceCases.resolve(service, repair.id, { resolution: '更换激光模组' });
  p.table(
    ['order', 'status', 'amount', 'delivered', 'service case', 'under warranty'],
    [
      [
        delivered.number,
        delivered.status,
        p.yuan(delivered.amount),
        p.local(delivered.deliveredAt!),
        `${fixed.serial}: ${fixed.status}`,
        String(fixed.underWarranty),
      ],
    ],
  );

  p.heading('销售员乙 leaves; the manager transfers the book to 销售员甲');
  const plan = await crm.ownership.transfer(li, { from: yi.id, to: jia.id, dryRun: true });
  p.table(
    ['would move', 'why'],
    plan.plan.moves.map((m) => [`${m.kind} ${m.id}`, m.reason]),
  );
  await crm.users.deactivate(li, yi.id);
  const done = await crm.ownership.transfer(li, { from: yi.id, to: jia.id });
  const released = await crm.opportunities.get(li, dealB.id);
  // 甲 works the customer revisit he inherited: a distribution deal for network switches.
  await crm.leads.logContact(jia, revisit.id, {
    kind: 'call',
    at: '2026-09-02T10:00:00+08:00',
    outcome: {
      metWith: '孙采购',
      opinion: 'positive',
      summary: '门店扩张, 要 10 台交换机',
      nextStep: '报价',
    },
  });
  await crm.leads.quote(jia, revisit.id, {
    sku: 'NET-SW24',
    quantity: 10,
    unitPrice: cny(3050),
    validUntil: '2026-09-30',
  });
  const { opportunity: switches } = await crm.leads.convert(jia, revisit.id, { expectedClose: '2026-10-31' });
  await crm.opportunities.advance(jia, switches.id, { to: 'proposal' });
  console.log(
    `Transferred ${done.plan.moves.length} records; ${released.name} stays ${released.stage} as a duplicate of ${dealA.name}.`,
  );

  p.heading("The history of 甲's deal: who, when, what");
  const history = await crm.history.forRecord(li, 'opportunity', dealA.id);
  const names = new Map((await crm.users.list(li)).map((u) => [u.id, u.name]));
  p.table(
    ['when', 'who', 'event', 'changed'],
    history.map((h) => [
      p.local(h.at),
      names.get(h.actorId) ?? h.actorId,
      h.event,
      Object.keys(h.changes).slice(0, 4).join(', '),
    ]),
  );
  await printReports(crm, p, li);
  void hengtong;
  void event;
  void revisit;
}
