import { type Crm, isCrmError, type ManualClock } from '@gongfu/core';
import { channelLabel, roleLabel, sourceLabel, statusLabel } from './labels.js';
import { cny, type Printer } from './print.js';
import { type Cast, openTheWirelessAndDistributionDeals } from './story-channels.js';
import { type StoryFacts, tellTheEnding } from './story-ending.js';

export type { Printer } from './print.js';
export type { Cast } from './story-channels.js';
export type { StoryFacts } from './story-ending.js';

/** How many days of silence make a lead's follow-up due (Gongfu's default, set here so the story says it). */
export const FOLLOW_UP_DAYS = 3;

/** The whole story, ending with the manager's reports; returns the facts a test checks. */
export async function runStory(crm: Crm, clock: ManualClock, p: Printer): Promise<StoryFacts> {
  const cast = await seedUntilTheDuplicate(crm, clock, p);
  return tellTheEnding(crm, clock, p, cast);
}

/**
 * The story up to the morning of 11 March, when the manager's scan is about to find that 甲's and
 * 乙's deals are one tender: everything the manager's desk example starts from.
 */
export async function seedUntilTheDuplicate(crm: Crm, clock: ManualClock, p: Printer): Promise<Cast> {
  p.heading(p.t('南开戈德的销售部: 三个渠道', 'The sales department of 南开戈德: three channels'));
  const admin = await crm.users.create(crm.system, { name: '系统管理员', role: 'admin' });
  const li = await crm.users.create(admin, { name: '李庆成', role: 'sales_manager', email: 'li@example.cn' });
  const rep = (name: string, channel: 'key_account' | 'distribution' | 'wireless') =>
    crm.users.create(li, { name, role: 'sales_rep', managerId: li.id, channel });
  const jia = await rep('销售员甲', 'key_account');
  const yi = await rep('销售员乙', 'key_account');
  const bing = await rep('销售员丙', 'distribution');
  const ding = await rep('销售员丁', 'wireless');
  const presales = await crm.users.create(admin, { name: '张工 (售前)', role: 'presales_engineer' });
  const service = await crm.users.create(admin, { name: '赵工 (服务)', role: 'service_engineer' });
  p.table(
    [p.t('人员', 'user'), p.t('角色', 'role'), p.t('上级', 'reports to'), p.t('渠道', 'channel')],
    [admin, li, jia, yi, bing, ding, presales, service].map((u) => [
      u.name,
      roleLabel(u.role, p.lang),
      u.managerId ? li.name : null,
      u.channel ? channelLabel(u.channel, p.lang) : null,
    ]),
  );

  // Every product has a list price, so a deal's lines are priced even where nobody has quoted yet.
  for (const product of [
    { sku: 'LS2208', name: 'Symbol LS2208 laser scanner', category: 'laser_scanner', listPrice: cny(1080) },
    { sku: 'SRV-R740', name: 'Rack server', category: 'server', listPrice: cny(48000) },
    {
      sku: 'WMS-PRO',
      name: 'Warehouse management solution',
      category: 'wms',
      kind: 'solution' as const,
      listPrice: cny(120000),
    },
    { sku: 'NET-SW24', name: '24-port switch', category: 'network', listPrice: cny(3200) },
    { sku: 'MC3300', name: 'MC3300 wireless handheld', category: 'wireless_scanner', listPrice: cny(6800) },
  ]) {
    await crm.products.create(admin, product);
  }

  p.heading(p.t('线索从四个来源进来', 'Leads arrive from four sources'));
  const tender = [
    { sku: 'LS2208', quantity: 200 },
    { sku: 'SRV-R740', quantity: 1 },
    { sku: 'WMS-PRO', quantity: 1 },
  ];
  const call = await crm.leads.capture(jia, {
    source: 'inbound_call',
    receivedAt: '2026-03-02T09:15:00+08:00',
    company: '山东恒通系统集成有限公司',
    contact: { name: '王工', phone: '0531-8888 0000', title: '项目经理' },
    interests: [...tender, { sku: 'NET-SW24', quantity: 4 }],
    region: { province: '37' },
  });
  const referral = await crm.leads.capture(yi, {
    source: 'referral',
    referredBy: '老客户 济南物流',
    receivedAt: '2026-03-02T10:40:00+08:00',
    company: '青岛瑞达信息技术有限公司',
    contact: { name: '刘经理', mobile: '139 0532 1234' },
    // The same end-customer tender seen through another integrator: the basket differs only in noise.
    interests: [...tender, { sku: 'NET-SW24', quantity: 5 }],
    region: { province: '37' },
  });
  const event = await crm.leads.capture(bing, {
    source: 'marketing_event',
    eventName: '2026 物流信息化展会',
    receivedAt: '2026-03-03T14:00:00+08:00',
    company: '天津港物流中心',
    contact: { name: '陈主任', email: 'chen@tjport.example.cn' },
    interests: [{ sku: 'LS2208', quantity: 30 }],
    channel: 'distribution',
  });
  const lianhua = await crm.accounts.create(bing, {
    name: '北京联华超市',
    kind: 'end_user',
    region: { province: '11' },
  });
  const revisit = await crm.leads.capture(bing, {
    source: 'customer_revisit',
    accountId: lianhua.id,
    receivedAt: '2026-03-03T16:30:00+08:00',
    company: lianhua.name,
    contact: { name: '孙采购' },
    interests: [{ sku: 'NET-SW24', quantity: 10 }],
    channel: 'distribution',
  });
  const wirelessCall = await crm.leads.capture(ding, {
    source: 'inbound_call',
    receivedAt: '2026-03-04T10:00:00+08:00',
    company: '顺丰速运济南分拨中心',
    contact: { name: '周主管', phone: '0531-8666 1234' },
    interests: [{ sku: 'MC3300', quantity: 40 }],
    channel: 'wireless',
  });
  const ownerName = new Map([jia, yi, bing, ding].map((u) => [u.id, u.name]));
  p.table(
    [p.t('来源', 'source'), p.t('公司', 'company'), p.t('负责人', 'owner'), p.t('收到', 'received')],
    [call, referral, event, revisit, wirelessCall].map((l) => [
      sourceLabel(l.source, p.lang),
      l.company,
      ownerName.get(l.ownerId),
      p.local(l.receivedAt),
    ]),
  );

  p.heading(p.t('甲报价: 最后一次报价系统记得', '甲 quotes; the ledger never forgets the last price'));
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
  // Oldest first, so the table reads in the order things happened and ends with the last quote.
  const ledger = [...(await crm.leads.quotes(jia, call.id))].sort((a, b) =>
    a.quotedAt.localeCompare(b.quotedAt),
  );
  p.table(
    [
      p.t('报价时间', 'quoted at'),
      p.t('产品', 'sku'),
      p.t('数量', 'qty'),
      p.t('单价', 'unit price'),
      p.t('有效期至', 'valid until'),
    ],
    ledger.map((q) => [p.local(q.quotedAt), q.sku, q.quantity, p.yuan(q.unitPrice), q.validUntil]),
  );
  p.line(
    `${p.t('LS2208 的最后报价', 'Last quote for LS2208')}: ${last ? `${p.yuan(last.unitPrice)} (${p.local(last.quotedAt)})` : '—'}`,
  );

  const channels = await openTheWirelessAndDistributionDeals(crm, clock, p, {
    bing,
    ding,
    lianhua,
    revisit,
    wirelessCall,
  });

  p.heading(
    p.t(
      `客户没了动静: 最后一次报价 ${FOLLOW_UP_DAYS} 天后, 跟进提醒到期`,
      `The customer goes quiet: ${FOLLOW_UP_DAYS} days after the last quote the follow-up is due`,
    ),
  );
  // The afternoon three days on, after the reminder fell due at the hour of the last quote.
  clock.set('2026-03-05T07:00:00.000Z');
  const due = (await crm.reminders.due(jia)).filter((r) => r.subjectId === call.id);
  p.table(
    [p.t('最后联系', 'last contact'), p.t('提醒到期', 'due'), p.t('提醒内容', 'message')],
    due.map((r) => [last ? p.local(last.quotedAt) : null, p.local(r.dueAt), r.message]),
  );
  try {
    await crm.leads.get(yi, call.id);
  } catch (e) {
    if (isCrmError(e, 'NOT_FOUND'))
      p.line(
        p.t(
          `乙看不到甲的线索: ${e.code} (同事之间互相看不到对方的记录)`,
          `乙 cannot see 甲's lead: ${e.code} (peers never see each other's records)`,
        ),
      );
  }

  p.heading(p.t('确认需求, 带着项目团队转成商机', 'Qualify and convert with a deal team'));
  clock.set('2026-03-06T01:30:00.000Z');
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
  const {
    opportunity: convertedA,
    account: hengtong,
    contact: wang,
  } = await crm.leads.convert(jia, call.id, {
    opportunityName: '恒通 仓储扫描项目',
    account: { kind: 'system_integrator' },
    requiredDelivery: '2026-06-30',
    region: { province: '37' },
    team: [{ userId: presales.id, role: 'presales', access: 'edit' }],
  });
  clock.set('2026-03-06T07:30:00.000Z');
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
  // 乙 quotes where the story says he does; every other line is priced at the list price.
  await crm.leads.quote(yi, referral.id, {
    sku: 'LS2208',
    quantity: 200,
    unitPrice: cny(990),
    validUntil: '2026-03-31',
  });
  const { opportunity: convertedB, account: ruida } = await crm.leads.convert(yi, referral.id, {
    opportunityName: '瑞达 仓储扫描项目',
    account: { kind: 'system_integrator' },
    requiredDelivery: '2026-07-02',
    region: { province: '37' },
  });
  // Both integrators bid for the same end customer's tender: the end customer is one account.
  await crm.opportunities.linkEndCustomer(jia, convertedA.id, {
    name: '山东物流集团',
    tender: { number: 'SD-2026-0315', deadline: '2026-04-20' },
  });
  const dealA = await crm.opportunities.addContact(jia, convertedA.id, {
    contactId: wang.id,
    role: 'technical_evaluator',
  });
  const dealB = await crm.opportunities.linkEndCustomer(yi, convertedB.id, {
    name: '山东物流集团',
    tender: { number: 'SD-2026-0315' },
  });
  p.table(
    [
      p.t('商机', 'deal'),
      p.t('负责人', 'owner'),
      p.t('客户', 'customer'),
      p.t('金额', 'amount'),
      p.t('要求交期', 'delivery'),
      p.t('最终用户 / 招标', 'end customer / tender'),
    ],
    [dealA, dealB].map((d, i) => [
      d.name,
      [jia, yi][i]!.name,
      [hengtong, ruida][i]!.name,
      p.yuan(d.amount),
      d.requiredDelivery,
      `${d.endCustomer?.name} / ${d.endCustomer?.tender?.number}`,
    ]),
  );
  try {
    await crm.opportunities.advance(yi, dealB.id, { to: 'solution' });
  } catch (e) {
    if (isCrmError(e, 'INVALID_TRANSITION'))
      p.line(`${p.t('乙还不能进入方案阶段', '乙 cannot move to solution yet')}: ${e.reason}`);
  }

  p.heading(p.t('拜访和结果, 以及销售费用', 'Visits with outcomes, and the costs of selling'));
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
      metContactIds: [wang.id],
      opinion: 'positive',
      summary: '认可方案, 关注交期',
      newRequirements: ['6 月底前到货'],
      nextStep: '准备投标文件',
    },
  });
  await crm.opportunities.advance(jia, dealA.id, { to: 'solution' });
  const spend = (category: 'travel' | 'entertainment' | 'bid_fees', yuan: number, description?: string) =>
    crm.costs.record(jia, {
      category,
      amount: cny(yuan),
      incurredOn: '2026-03-10',
      opportunityId: dealA.id,
      ...(description ? { description } : {}),
    });
  await spend('travel', 1260.5, '济南往返');
  await spend('entertainment', 880);
  await spend('bid_fees', 500, '标书购买');
  const week = await crm.activities.calendar(jia, { view: 'week', date: '2026-03-10' });
  p.table(
    [p.t('日期', 'day'), p.t('活动', 'activities')],
    week.days.map((d) => [
      d.date,
      d.activities
        .map((a) => `${p.local(a.startAt).slice(11)} ${a.subject} (${statusLabel(a.status, p.lang)})`)
        .join('; '),
    ]),
  );
  const costs = await crm.costs.total(li, { opportunityId: dealA.id });
  p.line(
    `${p.t('经理看到的甲这单的费用', "Costs on 甲's deal, as the manager sees them")}: ${costs.map((c) => p.yuan({ amount: c.amount, currency: c.currency })).join(', ')}`,
  );

  return {
    admin,
    li,
    jia,
    yi,
    bing,
    ding,
    presales,
    service,
    dealA,
    dealB,
    hengtong,
    ruida,
    event,
    ...channels,
  };
}
