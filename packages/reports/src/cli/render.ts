import { formatMoney, type Money, renderBuiltIn } from '@gongfu/core';
import type { DealDuplicate } from '../duplicates/index.js';
import { MORE_COUNTED_UP_TO } from '../review/reminders-per-person.js';
import type { MorningReview, PersonReview } from '../review/review-types.js';
import { sayReport } from '../shared/report-messages.js';

/** Plain-text renderings for a terminal; the CLI's only output format. */

const money = (m: Money | null) => (m ? formatMoney(m) : '—');

export function renderDuplicates(pairs: readonly DealDuplicate[]): string {
  if (pairs.length === 0) return 'No likely duplicate deals.';
  return pairs.map((p, i) => renderDuplicate(p, i + 1)).join('\n\n');
}

/** One pair as the CLI prints it, numbered `n` (the CLI streams these one by one). */
export function renderDuplicate(p: DealDuplicate, n: number): string {
  return [
    `${n}. score ${p.score.toFixed(1)} (p=${p.probability.toFixed(3)})${p.copy ? ' — a copy' : ''}`,
    `   A ${p.a.name} — ${p.a.accountName} [${p.a.id}, owner ${p.a.ownerId}]`,
    `   B ${p.b.name} — ${p.b.accountName} [${p.b.id}, owner ${p.b.ownerId}]`,
    `   why: ${p.explanation.text}`,
  ].join('\n');
}

export function renderReview(review: MorningReview, local: (instant: string) => string): string {
  const out = [
    `Morning review for ${review.reviewer.name}, ${review.reviewDate}: ${review.reviewedDay} (${review.timeZone})`,
  ];
  for (const p of review.people) out.push('', ...renderPerson(p, local));
  if (review.duplicateAlerts.length > 0) {
    out.push('', 'Duplicate alerts');
    for (const d of review.duplicateAlerts) {
      out.push(`  ${d.a.name} (${d.a.ownerName}) ~ ${d.b.name} (${d.b.ownerName}): ${d.explanation}`);
    }
  }
  if (review.quoteConflicts.length > 0) {
    out.push('', 'Conflicting quotes');
    for (const c of review.quoteConflicts) out.push(`  ${c.explanation}`);
  }
  if (review.quotas.length > 0) {
    out.push('', 'Quota attainment');
    for (const q of review.quotas) {
      const pct = (r: number) => `${Math.round(r * 100)}%`;
      out.push(
        `  ${q.label} ${q.quota.period}: won ${money(q.won)} of ${money(q.target)} (${pct(q.attainment)}), with the weighted open pipeline ${pct(q.forecastAttainment)}`,
      );
    }
  }
  if (review.truncated)
    out.push('', '(the day had more events than one review reads; the earliest are shown)');
  return out.join('\n');
}

function renderPerson(p: PersonReview, local: (instant: string) => string): string[] {
  const lines = [`## ${p.name}`];
  const section = (title: string, items: string[]) => {
    if (items.length > 0) lines.push(`  ${title}`, ...items.map((i) => `    - ${i}`));
  };
  section(
    'Activities',
    p.activities.map((a) => {
      const o = a.outcome;
      const said = o
        ? `: ${[o.metWith, o.opinion, o.summary, o.nextStep && `next: ${o.nextStep}`].filter(Boolean).join('; ')}`
        : '';
      return `${local(a.at)} ${a.kind} ${a.subject}${a.regarding ? ` (${a.regarding})` : ''}${said}`;
    }),
  );
  section(
    'Stage moves',
    p.stageMoves.map((m) => `${local(m.at)} ${m.name}: ${m.from ?? '?'} → ${m.to ?? '?'}`),
  );
  section(
    'New leads',
    p.newLeads.map((l) => `${local(l.at)} ${l.label}${l.source ? ` (${l.source})` : ''}`),
  );
  section(
    'New deals',
    p.newOpportunities.map((o) => `${local(o.at)} ${o.label} ${money(o.amount)}`),
  );
  section(
    'Quotes',
    p.quotes.map((q) => `${local(q.at)} ${q.company ?? ''} ${q.sku} × ${q.quantity} @ ${money(q.unitPrice)}`),
  );
  section(
    'Orders',
    p.orders.map((o) => `${local(o.at)} ${o.label} ${o.event} ${money(o.amount)}`),
  );
  section(
    'Costs',
    p.costs.map((c) => `${local(c.at)} ${c.label} ${money(c.amount)}`),
  );
  // Each section lists the oldest few; the rest are a count the review read from the database.
  const more = (key: 'report.review.moreOverdue' | 'report.review.moreStale', count: number) =>
    count > 0
      ? [renderBuiltIn(sayReport(key, { count, atLeast: count >= MORE_COUNTED_UP_TO ? 'yes' : 'no' }))]
      : [];
  section('Overdue follow-ups', [
    ...p.overdueFollowUps.map((r) => r.message),
    ...more('report.review.moreOverdue', p.moreOverdueFollowUps),
  ]);
  section('Stale deals', [
    ...p.staleDeals.map((r) => r.message),
    ...more('report.review.moreStale', p.moreStaleDeals),
  ]);
  if (lines.length === 1) lines.push('  (nothing recorded)');
  return lines;
}
