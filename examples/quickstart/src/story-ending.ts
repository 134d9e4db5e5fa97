import { type Crm, historyEventName, type ManualClock } from '@gongfu/core';
import { costRollup, findDuplicateDeals, morningReview, pipeline } from '@gongfu/reports';
import { describeChanges } from './history-changes.js';
import { costCategoryLabel, kindLabel, likelihoodWords, stageLabel, statusLabel } from './labels.js';
import type { Printer } from './print.js';
import type { Cast } from './story-channels.js';

const pct = (r: number | null) => (r === null ? null : `${(r * 100).toFixed(1)}%`);

/** What the story established, for the test that keeps README command 1 honest. */
export interface StoryFacts {
  cast: Cast;
  duplicate: { probability: number; score: number; explanation: string };
  funnel: { leads: number; convertedLeads: number; opportunities: number; duplicates: number };
  transferred: number;
}

export async function tellTheEnding(
  crm: Crm,
  clock: ManualClock,
  p: Printer,
  cast: Cast,
): Promise<StoryFacts> {
  const duplicate = await resolveTheDuplicate(crm, clock, p, cast);
  const transferred = await winDeliverAndTransfer(crm, clock, p, cast);
  await printHistory(crm, p, cast);
  const funnel = await printReports(crm, p, cast);
  return { cast, duplicate, funnel, transferred };
}

/**
 * The source document's opening story, resolved by the system: the manager's scan finds 甲's and
 * 乙's deals to be one tender seen through two integrators, says why, and he keeps 甲 on it and
 * frees 乙 for new leads.
 */
async function resolveTheDuplicate(crm: Crm, clock: ManualClock, p: Printer, cast: Cast) {
  const { li, jia, yi, dealA, dealB } = cast;
  p.heading(
    p.t('3 月 11 日早上: 两个销售员, 一个单子', 'The morning of 11 March: two salespeople, one deal'),
  );
  clock.set('2026-03-11T01:00:00.000Z');
  const names = new Map((await crm.users.list(li)).map((u) => [u.id, u.name]));
  const pairs = await findDuplicateDeals(crm, li, { limit: 5 });
  p.table(
    [
      '#',
      p.t('商机', 'deals'),
      p.t('销售员', 'salespeople'),
      p.t('可能性', 'how likely'),
      ...(p.verbose ? [p.t('得分 (bits)', 'score (bits)')] : []),
    ],
    pairs.map((d, i) => [
      i + 1,
      `${d.a.name} / ${d.b.name}`,
      `${names.get(d.a.ownerId)} / ${names.get(d.b.ownerId)}`,
      likelihoodWords(d.probability, p.lang),
      ...(p.verbose ? [d.score.toFixed(1)] : []),
    ]),
  );
  const top = pairs[0];
  if (!top || ![top.a.id, top.b.id].includes(dealA.id) || ![top.a.id, top.b.id].includes(dealB.id)) {
    throw new Error("the scan should rank 甲's and 乙's deals first");
  }
  p.line(`${p.t('理由', 'Why')}: ${top.explanation.text}`);
  const link = await crm.duplicates.linkAsSameDeal(li, {
    keepId: dealA.id,
    releaseId: dealB.id,
    reason: '同一个最终用户的招标, 两家集成商在投同一个标',
  });
  p.line(
    p.t(
      `${li.name}让${jia.name}继续跟「${link.kept.name}」; 「${link.released.name}」作为它的重复单关闭, ${yi.name}可以去开发新线索.`,
      `${li.name} keeps ${jia.name} on "${link.kept.name}"; "${link.released.name}" is closed as its duplicate and ${yi.name} is free to develop new leads.`,
    ),
  );
  return { probability: top.probability, score: top.score, explanation: top.explanation.text };
}

async function winDeliverAndTransfer(crm: Crm, clock: ManualClock, p: Printer, cast: Cast): Promise<number> {
  const { li, jia, yi, service, dealA, dealB } = cast;
  p.heading(p.t('赢单, 下订单, 交货, 售后', 'The deal is won, becomes an order, is delivered and serviced'));
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
    [
      p.t('订单', 'order'),
      p.t('状态', 'status'),
      p.t('金额', 'amount'),
      p.t('交货', 'delivered'),
      p.t('售后', 'service case'),
      p.t('保修期内', 'under warranty'),
    ],
    [
      [
        delivered.number,
        statusLabel(delivered.status, p.lang),
        p.yuan(delivered.amount),
        p.local(delivered.deliveredAt!),
        `${fixed.serial}: ${statusLabel(fixed.status, p.lang)}`,
        fixed.underWarranty ? p.t('是', 'yes') : p.t('否', 'no'),
      ],
    ],
  );

  p.heading(
    p.t(
      '销售员乙离职, 经理把他的客户转给销售员甲',
      '销售员乙 leaves; the manager transfers the book to 销售员甲',
    ),
  );
  const plan = await crm.ownership.transfer(li, { from: yi.id, to: jia.id, dryRun: true });
  p.table(
    [p.t('将转移', 'would move'), p.t('原因', 'why')],
    plan.plan.moves.map((m) => [kindLabel(m.kind, p.lang), m.reason]),
  );
  await crm.users.deactivate(li, yi.id);
  const done = await crm.ownership.transfer(li, { from: yi.id, to: jia.id });
  const released = await crm.opportunities.get(li, dealB.id);
  p.line(
    p.t(
      `转移了 ${done.plan.moves.length} 条记录; 「${released.name}」仍是「${dealA.name}」的重复单.`,
      `Transferred ${done.plan.moves.length} record${done.plan.moves.length === 1 ? '' : 's'}; "${released.name}" stays a duplicate of "${dealA.name}".`,
    ),
  );
  return done.plan.moves.length;
}

async function printHistory(crm: Crm, p: Printer, cast: Cast): Promise<void> {
  const { li, dealA } = cast;
  p.heading(p.t('甲这单的历史: 谁, 什么时候, 改了什么', "The history of 甲's deal: who, when, what"));
  const history = await crm.history.forRecord(li, 'opportunity', dealA.id);
  const names = new Map((await crm.users.list(li)).map((u) => [u.id, u.name]));
  p.table(
    [p.t('时间', 'when'), p.t('谁', 'who'), p.t('事件', 'event'), p.t('改动', 'changed')],
    history.map((h) => [
      p.local(h.at),
      names.get(h.actorId) ?? h.actorId,
      crm.say(historyEventName(h.event), p.lang),
      describeChanges(h, { crm, p, people: names }),
    ]),
  );
}

/** What the manager reads: the morning review, the cost rollup and the pipeline. */
async function printReports(crm: Crm, p: Printer, cast: Cast): Promise<StoryFacts['funnel']> {
  const { li } = cast;
  p.heading(
    p.t('李庆成 3 月 11 日的晨会: 回顾 3 月 10 日', "李庆成's morning review of 10 March (held on the 11th)"),
  );
  const review = await morningReview(crm, li, { day: '2026-03-11' });
  p.table(
    [p.t('销售员', 'salesperson'), p.t('发生了什么', 'what happened'), p.t('详情', 'detail')],
    review.people.flatMap((person) => [
      ...person.activities.map((a) => [
        person.name,
        `${kindLabel(a.kind, p.lang)} ${p.local(a.at).slice(11)}`,
        `${a.subject}: ${[a.outcome?.metWith, a.outcome?.summary].filter(Boolean).join(', ')}`,
      ]),
      ...person.stageMoves.map((m) => [
        person.name,
        p.t('阶段变化', 'stage move'),
        `${m.name}: ${stageLabel(m.from ?? '?', p.lang)} → ${stageLabel(m.to ?? '?', p.lang)}`,
      ]),
      ...person.costs.map((c) => {
        const category = c.category ? costCategoryLabel(c.category, p.lang) : c.label;
        const what = c.category && c.label !== c.category ? `${category} (${c.label})` : category;
        return [person.name, p.t('费用', 'cost'), `${what} ${c.amount ? p.yuan(c.amount) : ''}`];
      }),
      ...person.overdueFollowUps.map((r) => [person.name, p.t('逾期跟进', 'overdue follow-up'), r.message]),
      ...person.staleDeals.map((r) => [person.name, p.t('停滞商机', 'stale deal'), r.message]),
    ]),
  );

  p.heading(p.t('按商机汇总费用, 以及赢单收入', 'Cost rollup by deal, with what winning it earned'));
  const money = (amount: number | null, currency: string) =>
    amount === null ? null : p.yuan({ amount, currency });
  const costs = await costRollup(crm, li, { by: 'opportunity' });
  p.table(
    [
      p.t('商机', 'deal'),
      p.t('笔数', 'entries'),
      p.t('费用', 'cost'),
      p.t('赢单收入', 'won revenue'),
      p.t('费用 / 收入', 'cost / revenue'),
      p.t('每个赢单的费用', 'cost per won deal'),
    ],
    [...costs.rows, ...costs.totals].map((r) => [
      r.key === null && costs.totals.includes(r) ? p.t('合计', 'total') : r.label,
      r.count,
      money(r.amount, r.currency),
      money(r.wonRevenue, r.currency),
      pct(r.costToRevenue),
      money(r.costPerWonDeal, r.currency),
    ]),
  );
  const byCategory = await costRollup(crm, li, { by: 'category' });
  p.table(
    [p.t('类别', 'category'), p.t('笔数', 'entries'), p.t('费用', 'cost')],
    byCategory.rows.map((r) => [
      r.key ? costCategoryLabel(r.key, p.lang) : r.label,
      r.count,
      money(r.amount, r.currency),
    ]),
  );

  p.heading(p.t('2026 年的销售漏斗, 赢率和在手商机', 'Pipeline, funnel and win rate for 2026'));
  const report = await pipeline(crm, li, { from: '2026-01-01', to: '2026-12-31' });
  p.table(
    [
      p.t('在手阶段', 'open stage'),
      p.t('商机数', 'deals'),
      p.t('金额', 'amount'),
      p.t('加权金额', 'weighted'),
    ],
    [...report.open.byStage, ...report.open.totals].map((r) => [
      report.open.totals.includes(r) ? p.t('合计', 'total') : stageLabel(r.key ?? '', p.lang),
      r.count,
      money(r.amount, r.currency),
      money(r.weighted, r.currency),
    ]),
  );
  const f = report.funnel;
  // A released duplicate is the same opportunity counted twice, so the funnel leaves it out.
  const duplicates = f.convertedLeads - f.opportunities;
  p.table(
    [
      p.t('线索', 'leads'),
      p.t('已转化', 'converted'),
      p.t('其中重复', 'of them duplicates'),
      p.t('商机', 'opportunities'),
      p.t('赢单', 'won'),
      p.t('订单', 'orders'),
      p.t('线索 → 商机', 'lead → deal'),
      p.t('商机 → 赢单', 'deal → won'),
    ],
    [
      [
        f.leads,
        f.convertedLeads,
        duplicates,
        f.opportunities,
        f.wonOpportunities,
        f.orders,
        pct(f.leadToOpportunity),
        pct(f.opportunityToWon),
      ],
    ],
  );
  p.line(
    p.t(
      `${f.convertedLeads} 条线索转成了商机, 其中 ${duplicates} 条与别人的商机是同一单, 所以是 ${f.opportunities} 个商机.`,
      `${f.convertedLeads} leads were converted; ${duplicates} of them turned out to be another's deal, so there are ${f.opportunities} opportunities.`,
    ),
  );
  p.table(
    [
      p.t('币种', 'currency'),
      p.t('赢单', 'won'),
      p.t('丢单', 'lost'),
      p.t('赢率', 'win rate'),
      p.t('赢单金额', 'won amount'),
      p.t('平均周期', 'average cycle'),
    ],
    report.closed.map((c) => [
      c.currency,
      c.won,
      c.lost,
      pct(c.winRate),
      money(c.wonAmount, c.currency),
      c.averageCycleDays === null ? null : `${c.averageCycleDays.toFixed(1)} ${p.t('天', 'days')}`,
    ]),
  );
  return { leads: f.leads, convertedLeads: f.convertedLeads, opportunities: f.opportunities, duplicates };
}
