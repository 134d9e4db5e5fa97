import type { ActorRef, TimelineEntry as CoreEntry, Crm, Opportunity } from '@gongfu/core';

/** One line of a customer's story as the page shows it, newest first. */
export interface TimelineEntry {
  /** The core's stable entry id (`<kind>:<record id>[:<version>]`), used as the row key. */
  id: string;
  at: string;
  kind: CoreEntry['kind'];
  /** Who was behind it, by name (kept after they leave). */
  who: string;
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

/** Pages of the core timeline the desk reads at most (200 entries each): a desk, not an export. */
const MAX_PAGES = 5;

/**
 * A customer's 360° view: the account and `crm.accounts.timeline` (leads, quotes, deals and their
 * stage moves, orders and deliveries, service cases, visits, demo loans, costs, hand-overs), read
 * in the manager's scope. The deals table is the timeline's deal entries, so one read serves both.
 */
export async function customer360(crm: Crm, actor: ActorRef, accountId: string): Promise<Customer360> {
  const account = await crm.accounts.get(actor, accountId);
  const entries: CoreEntry[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const got = await crm.accounts.timeline(actor, accountId, { limit: 200, ...(cursor ? { cursor } : {}) });
    entries.push(...got.items);
    if (!got.nextCursor) break;
    cursor = got.nextCursor;
  }
  const deals: Opportunity[] = entries.flatMap((e) => (e.kind === 'deal' ? [e.deal] : []));
  return {
    account: { id: account.id, name: account.name, kind: account.kind ?? null },
    deals: deals.map((d) => ({
      id: d.id,
      name: d.name,
      stage: d.stage,
      amount: money(d.amount),
      ownerId: d.ownerId,
    })),
    timeline: entries.map((e) => ({ id: e.id, at: e.at, kind: e.kind, who: e.userName, ...describe(e) })),
  };
}

/** The title and one-line detail of an entry, per kind. */
function describe(e: CoreEntry): { title: string; detail: string } {
  switch (e.kind) {
    case 'lead':
      return { title: e.lead.company, detail: `${e.lead.source}, ${e.lead.status}` };
    case 'quote':
      return {
        title: `${e.quote.sku} × ${e.quote.quantity}`,
        detail: `${money(e.quote.unitPrice)} each, valid until ${e.quote.validUntil}`,
      };
    case 'deal':
      return { title: e.deal.name, detail: `${e.deal.stage} · ${money(e.deal.amount)}` };
    case 'stage_move':
      return { title: e.move.opportunityName, detail: `${e.move.from} → ${e.move.to}` };
    case 'order':
      return { title: e.order.number, detail: `${e.order.status} · ${money(e.order.amount)}` };
    case 'delivery':
      return { title: e.order.number, detail: 'delivered' };
    case 'service_case':
      return { title: e.serviceCase.summary, detail: `${e.serviceCase.kind}, ${e.serviceCase.status}` };
    case 'activity': {
      const a = e.activity;
      const said = a.outcome ? ` — ${[a.outcome.metWith, a.outcome.summary].filter(Boolean).join(': ')}` : '';
      return { title: a.subject, detail: `${a.kind}, ${a.status}${said}` };
    }
    case 'demo_loan':
      return {
        title: `${e.demoLoan.sku} #${e.demoLoan.serial}`,
        detail: e.demoLoan.returnedAt ? 'returned' : `due back ${e.demoLoan.dueBack}`,
      };
    case 'cost':
      return { title: e.cost.description ?? e.cost.category, detail: money(e.cost.amount) };
    case 'ownership_change':
      return {
        title: `${e.change.recordType} owner`,
        detail: `${e.change.fromUserName} → ${e.change.toUserName}`,
      };
    case 'end_customer': {
      const { endCustomer, accountName } = e.link;
      const tender = endCustomer.tender ? ` · tender ${endCustomer.tender.number}` : '';
      return { title: e.link.opportunityName, detail: `${accountName} → ${endCustomer.name}${tender}` };
    }
  }
}
