import type { HistoryEvent } from '../../domain/history.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import { scanAll } from '../../service/scan-all.js';
import type { Opportunity } from '../opportunities/opportunity.js';
import type { Account } from './account.js';
import type { OwnershipChange, TimelineEntry, TimelineKind } from './timeline.js';

type Wanted = (kind: TimelineKind) => boolean;

/**
 * Every entry of one customer's story the actor may see, with the customer itself (NOT_FOUND when
 * the actor may not see it, exactly as `accounts.get`). Each list is read with the actor's scope
 * compiled into SQL, so a deal, order or visit the actor may not open is never read, and nothing
 * about it (not even its name) reaches the timeline. History is read only for records that passed
 * that scope, and the customer's own only once the customer has. Owners are named through the
 * whole org chart, leavers included, so a departed rep's work still reads as theirs.
 */
export async function gatherTimeline(
  ctx: CommandContext,
  accountId: string,
  wanted: Wanted,
): Promise<TimelineEntry[]> {
  const scope = ctx.scope();
  const byAccount = { accountId: [accountId] };
  const who = (userId: string) => ({ userId, userName: ctx.userName(userId) });
  const out: TimelineEntry[] = [];
  // Asked for together, the customer with its lists: on PostgreSQL the reads of one transaction
  // asked for at once share a round trip. The lists need only the customer's id and are scoped by
  // the actor's own scope whatever the customer is, so reading them before the customer's check
  // shows nothing the actor may not see; when the check fails they are dropped with it.
  const [account, leads, deals, endCustomerDeals, orders, cases, activities, loans, costs] =
    await Promise.all([
      ctx.load(ENTITY.account, accountId),
      needs(wanted, 'lead', 'quote') ? scanAll(ctx.tx.leads, byAccount, scope) : [],
      needs(wanted, 'deal', 'stage_move', 'ownership_change', 'quote', 'end_customer')
        ? scanAll(ctx.tx.opportunities, byAccount, scope)
        : [],
      // The deals this customer is the end customer of, bid through integrators: with the actor's
      // scope in SQL like every other list, so a bid the actor may not open never reaches them.
      wanted('end_customer') ? scanAll(ctx.tx.opportunities, { endCustomerId: [accountId] }, scope) : [],
      needs(wanted, 'order', 'delivery') ? scanAll(ctx.tx.orders, byAccount, scope) : [],
      wanted('service_case') ? scanAll(ctx.tx.serviceCases, byAccount, scope) : [],
      wanted('activity') ? scanAll(ctx.tx.activities, byAccount, scope) : [],
      wanted('demo_loan') ? scanAll(ctx.tx.demoLoans, byAccount, scope) : [],
      wanted('cost') ? scanAll(ctx.tx.costs, byAccount, scope) : [],
    ]);
  // Every history the story needs in one statement (not one per deal), beside the customer's own.
  const dealIds = [
    ...(wanted('stage_move') || wanted('ownership_change') ? deals.map((d) => d.id) : []),
    ...(wanted('end_customer')
      ? [...deals, ...endCustomerDeals].filter((d) => d.endCustomer).map((d) => d.id)
      : []),
  ];
  // With the customer's quotes, which are not scoped in SQL (kept below only under a lead or deal
  // the actor sees, or under none): asked only once the customer passed its check.
  const [accountHistory, dealHistory, quotes] = await Promise.all([
    wanted('ownership_change') ? ctx.tx.history.forEntity('account', account.id) : [],
    ctx.tx.history.forEntities('opportunity', dealIds),
    wanted('quote') ? ctx.tx.quotes.list({ accountId }, 10_000) : [],
  ]);
  const histories = new Map<string, HistoryEvent[]>();
  for (const event of dealHistory) {
    const events = histories.get(event.entityId);
    if (events === undefined) histories.set(event.entityId, [event]);
    else events.push(event);
  }
  const historyOf = (dealId: string): readonly HistoryEvent[] => histories.get(dealId) ?? [];

  if (wanted('lead'))
    for (const lead of leads)
      out.push({ kind: 'lead', id: `lead:${lead.id}`, at: lead.receivedAt, ...who(lead.ownerId), lead });
  if (wanted('deal'))
    for (const deal of deals)
      out.push({ kind: 'deal', id: `deal:${deal.id}`, at: deal.createdAt, ...who(deal.ownerId), deal });
  for (const order of orders) {
    if (wanted('order'))
      out.push({ kind: 'order', id: `order:${order.id}`, at: order.createdAt, ...who(order.ownerId), order });
    if (wanted('delivery') && order.deliveredAt)
      out.push({
        kind: 'delivery',
        id: `delivery:${order.id}`,
        at: order.deliveredAt,
        ...who(order.ownerId),
        order,
      });
  }
  for (const serviceCase of cases)
    out.push({
      kind: 'service_case',
      id: `service_case:${serviceCase.id}`,
      at: serviceCase.createdAt,
      ...who(serviceCase.ownerId),
      serviceCase,
    });
  for (const activity of activities)
    out.push({
      kind: 'activity',
      id: `activity:${activity.id}`,
      at: activity.completedAt ?? activity.startAt,
      ...who(activity.ownerId),
      activity,
    });
  for (const demoLoan of loans)
    out.push({
      kind: 'demo_loan',
      id: `demo_loan:${demoLoan.id}`,
      at: demoLoan.loanedAt,
      ...who(demoLoan.ownerId),
      demoLoan,
    });
  for (const cost of costs)
    out.push({ kind: 'cost', id: `cost:${cost.id}`, at: cost.createdAt, ...who(cost.incurredBy), cost });

  if (wanted('quote')) {
    // A quote belongs to a lead or a deal; shown only when that lead or deal is one the actor sees.
    const seen = new Set([...leads.map((l) => l.id), ...deals.map((d) => d.id)]);
    for (const quote of quotes) {
      const parent = quote.opportunityId ?? quote.leadId;
      if (parent !== null && !seen.has(parent)) continue;
      out.push({ kind: 'quote', id: `quote:${quote.id}`, at: quote.quotedAt, ...who(quote.quotedBy), quote });
    }
  }

  if (wanted('stage_move') || wanted('ownership_change')) {
    for (const deal of deals) {
      for (const event of historyOf(deal.id)) {
        const stage = event.changes.stage;
        if (wanted('stage_move') && stage && event.version > 1)
          out.push({
            kind: 'stage_move',
            id: `stage_move:${deal.id}:${event.version}`,
            at: event.at,
            ...who(event.actorId),
            move: {
              opportunityId: deal.id,
              opportunityName: deal.name,
              from: String(stage.from),
              to: String(stage.to),
            },
          });
        if (wanted('ownership_change')) pushOwnerChange(ctx, out, event, 'opportunity');
      }
    }
  }
  if (wanted('ownership_change'))
    for (const event of accountHistory) pushOwnerChange(ctx, out, event, 'account');
  if (wanted('end_customer'))
    await pushEndCustomerLinks(ctx, out, account, deals, endCustomerDeals, historyOf);
  return out;
}

/**
 * One entry per visible deal linked to an end customer: the integrator's own deals that name one,
 * and the deals naming this customer as theirs. Dated by the last change of the link (its creation
 * when the deal was born with it). The integrator of a visible deal is part of what the deal shows
 * (a deal's readers read its customer), so its name is read unscoped.
 */
async function pushEndCustomerLinks(
  ctx: CommandContext,
  out: TimelineEntry[],
  account: Account,
  ownDeals: readonly Opportunity[],
  endCustomerDeals: readonly Opportunity[],
  historyOf: (dealId: string) => readonly HistoryEvent[],
): Promise<void> {
  const linked = new Map<string, Opportunity>();
  for (const deal of [...ownDeals, ...endCustomerDeals]) if (deal.endCustomer) linked.set(deal.id, deal);
  const integrators = new Map<string, string>([[account.id, account.name]]);
  const unnamed = [...new Set([...linked.values()].map((d) => d.accountId))].filter(
    (id) => !integrators.has(id),
  );
  if (unnamed.length > 0)
    for (const a of await ctx.tx.accounts.getMany(unnamed)) integrators.set(a.id, a.name);
  for (const deal of linked.values()) {
    const endCustomer = deal.endCustomer;
    if (!endCustomer) continue;
    const link = historyOf(deal.id)
      .filter((e) => e.changes.endCustomer?.to)
      .at(-1);
    const by = link?.actorId ?? deal.ownerId;
    out.push({
      kind: 'end_customer',
      id: `end_customer:${deal.id}`,
      at: link?.at ?? deal.createdAt,
      userId: by,
      userName: ctx.userName(by),
      link: {
        opportunityId: deal.id,
        opportunityName: deal.name,
        accountId: deal.accountId,
        accountName: integrators.get(deal.accountId) ?? deal.accountId,
        endCustomer,
        stage: deal.stage,
      },
    });
  }
}

function needs(wanted: Wanted, ...kinds: TimelineKind[]): boolean {
  return kinds.some(wanted);
}

function pushOwnerChange(
  ctx: CommandContext,
  out: TimelineEntry[],
  event: HistoryEvent,
  recordType: OwnershipChange['recordType'],
): void {
  const owner = event.changes.ownerId;
  if (!owner || event.version === 1 || typeof owner.from !== 'string' || typeof owner.to !== 'string') return;
  out.push({
    kind: 'ownership_change',
    id: `ownership_change:${event.entityId}:${event.version}`,
    at: event.at,
    userId: event.actorId,
    userName: ctx.userName(event.actorId),
    change: {
      recordType,
      recordId: event.entityId,
      fromUserId: owner.from,
      fromUserName: ctx.userName(owner.from),
      toUserId: owner.to,
      toUserName: ctx.userName(owner.to),
    },
  });
}
