import type { ActorRef, Crm } from '@gongfu/core';

/** One line of a customer's story, newest first. */
export interface TimelineEntry {
  at: string;
  kind: 'deal' | 'activity' | 'order' | 'cost';
  title: string;
  detail: string;
}

export interface Customer360 {
  account: { id: string; name: string; kind: string | null };
  deals: { id: string; name: string; stage: string; amount: string; ownerId: string }[];
  timeline: TimelineEntry[];
}

const money = (m: { amount: number; currency: string }) =>
  `${m.currency} ${(m.amount / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

/**
 * A customer's 360° view from the reads that exist today: the account, its deals, their
 * activities, orders and costs, merged into one timeline. The one place to switch to
 * `crm.accounts.timeline` once the core has it; the page reads only this shape.
 */
export async function customer360(crm: Crm, actor: ActorRef, accountId: string): Promise<Customer360> {
  const account = await crm.accounts.get(actor, accountId);
  const deals = (await crm.opportunities.list(actor, { accountId, limit: 100 })).items;
  const timeline: TimelineEntry[] = [];
  for (const d of deals) {
    timeline.push({
      at: d.createdAt,
      kind: 'deal',
      title: d.name,
      detail: `${d.stage} · ${money(d.amount)}`,
    });
    const activities = (await crm.activities.list(actor, { opportunityId: d.id, limit: 100 })).items;
    for (const a of activities) {
      const said = a.outcome ? ` — ${[a.outcome.metWith, a.outcome.summary].filter(Boolean).join(': ')}` : '';
      timeline.push({
        at: a.startAt,
        kind: 'activity',
        title: a.subject,
        detail: `${a.kind}, ${a.status}${said}`,
      });
    }
    for (const c of (await crm.costs.list(actor, { opportunityId: d.id, limit: 100 })).items) {
      timeline.push({
        at: `${c.incurredOn}T00:00:00.000Z`,
        kind: 'cost',
        title: c.description ?? c.category,
        detail: money(c.amount),
      });
    }
  }
  for (const o of (await crm.orders.list(actor, { accountId, limit: 100 })).items) {
    timeline.push({
      at: o.createdAt,
      kind: 'order',
      title: o.number,
      detail: `${o.status} · ${money(o.amount)}`,
    });
  }
  timeline.sort((a, b) => b.at.localeCompare(a.at));
  return {
    account: { id: account.id, name: account.name, kind: account.kind ?? null },
    deals: deals.map((d) => ({
      id: d.id,
      name: d.name,
      stage: d.stage,
      amount: money(d.amount),
      ownerId: d.ownerId,
    })),
    timeline,
  };
}
