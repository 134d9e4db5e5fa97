import type { Crm, ManualClock, Opportunity, User } from '@gongfu/core';
import { costRollup, findDuplicateDeals, morningReview, pipeline } from '@gongfu/reports';
import type { Printer } from './story.js';

const pct = (r: number | null) => (r === null ? null : `${(r * 100).toFixed(1)}%`);

/**
 * The source document's opening story, resolved by the system: the manager's scan finds 甲's and
 * 乙's deals to be one tender seen through two integrators, says why, and he keeps 甲 on it and
 * frees 乙 for new leads.
 */
export async function resolveTheDuplicate(
  crm: Crm,
  clock: ManualClock,
  p: Printer,
  who: { li: User; jia: User; yi: User; dealA: Opportunity; dealB: Opportunity },
): Promise<void> {
  const { li, jia, yi, dealA, dealB } = who;
  p.heading('The morning of 11 March: two salespeople, one deal');
  clock.set('2026-03-11T01:00:00.000Z');
  const owner = (id: string) => (id === jia.id ? jia.name : id === yi.id ? yi.name : id);
  const pairs = await findDuplicateDeals(crm, li, { limit: 5 });
  p.table(
    ['#', 'deal', 'owner', 'deal', 'owner', 'score (bits)'],
    pairs.map((d, i) => [
      i + 1,
      d.a.accountName,
      owner(d.a.ownerId),
      d.b.accountName,
      owner(d.b.ownerId),
      d.score.toFixed(1),
    ]),
  );
  const top = pairs[0];
  if (!top || ![top.a.id, top.b.id].includes(dealA.id) || ![top.a.id, top.b.id].includes(dealB.id)) {
    throw new Error("the scan should rank 甲's and 乙's deals first");
  }
  console.log(`Why: ${top.explanation.text}`);
  const link = await crm.duplicates.linkAsSameDeal(li, {
    keepId: dealA.id,
    releaseId: dealB.id,
    reason: '同一个最终用户的招标, 两家集成商在投同一个标',
  });
  console.log(
    `${li.name} keeps ${jia.name} on ${link.kept.name}; ${link.released.name} is ${link.released.stage} ` +
      `(duplicate of ${link.kept.name}) and ${yi.name} is free to develop new leads.`,
  );
}

/** What the manager reads: the morning review, the cost rollup and the pipeline. */
export async function printReports(crm: Crm, p: Printer, li: User): Promise<void> {
  p.heading("李庆成's morning review of 10 March (held on the 11th)");
  const review = await morningReview(crm, li, { day: '2026-03-11' });
  p.table(
    ['salesperson', 'what happened', 'detail'],
    review.people.flatMap((person) => [
      ...person.activities.map((a) => [
        person.name,
        `${a.kind} ${p.local(a.at).slice(11)}`,
        `${a.subject}: ${a.outcome?.metWith ?? ''} ${a.outcome?.opinion ?? ''}, ${a.outcome?.summary ?? ''}`,
      ]),
      ...person.stageMoves.map((m) => [person.name, 'stage move', `${m.name}: ${m.from} → ${m.to}`]),
      ...person.costs.map((c) => [person.name, 'cost', `${c.label} ${c.amount ? p.yuan(c.amount) : ''}`]),
      ...person.overdueFollowUps.map((r) => [person.name, 'overdue follow-up', r.message]),
      ...person.staleDeals.map((r) => [person.name, 'stale deal', r.message]),
    ]),
  );

  p.heading('Cost rollup by deal, with what winning it earned');
  const costs = await costRollup(crm, li, { by: 'opportunity' });
  p.table(
    ['deal', 'entries', 'cost', 'won revenue', 'cost / revenue', 'cost per won deal'],
    [...costs.rows, ...costs.totals].map((r) => [
      r.label,
      r.count,
      p.yuan({ amount: r.amount, currency: r.currency }),
      r.wonRevenue === null ? null : p.yuan({ amount: r.wonRevenue, currency: r.currency }),
      pct(r.costToRevenue),
      r.costPerWonDeal === null ? null : p.yuan({ amount: r.costPerWonDeal, currency: r.currency }),
    ]),
  );
  const byCategory = await costRollup(crm, li, { by: 'category' });
  p.table(
    ['category', 'entries', 'cost'],
    byCategory.rows.map((r) => [r.label, r.count, p.yuan({ amount: r.amount, currency: r.currency })]),
  );

  p.heading('Pipeline, funnel and win rate for 2026');
  const report = await pipeline(crm, li, { from: '2026-01-01', to: '2026-12-31' });
  p.table(
    ['open stage', 'deals', 'amount', 'weighted'],
    [...report.open.byStage, ...report.open.totals].map((r) => [
      r.label,
      r.count,
      p.yuan({ amount: r.amount, currency: r.currency }),
      p.yuan({ amount: r.weighted, currency: r.currency }),
    ]),
  );
  const f = report.funnel;
  p.table(
    ['leads', 'converted', 'opportunities', 'won', 'orders', 'lead → deal', 'deal → won'],
    [
      [
        f.leads,
        f.convertedLeads,
        f.opportunities,
        f.wonOpportunities,
        f.orders,
        pct(f.leadToOpportunity),
        pct(f.opportunityToWon),
      ],
    ],
  );
  p.table(
    ['closed', 'won', 'lost', 'win rate', 'won amount', 'average cycle'],
    report.closed.map((c) => [
      c.currency,
      c.won,
      c.lost,
      pct(c.winRate),
      p.yuan({ amount: c.wonAmount, currency: c.currency }),
      c.averageCycleDays === null ? null : `${c.averageCycleDays.toFixed(1)} days`,
    ]),
  );
}
