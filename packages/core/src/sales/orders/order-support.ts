import { type CalendarDate, calendarDateSchema } from '../../kernel/time.js';
import { parseInput } from '../../kernel/validate.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import { type FreshOption, syncReminders } from '../../service/reminder-sync.js';
import { ORDER_NUMBER_COUNTER } from '../../storage/counter-store.js';
import type { Opportunity } from '../opportunities/opportunity.js';
import type { Order, OrderLine } from './order.js';
import { remindersForOrder } from './order-reminders.js';

/** Order numbers people can read on the phone: SO-2026-000123, unique per tenant. */
export function orderNumber(ctx: CommandContext, sequence: number): string {
  return `SO-${ctx.now.slice(0, 4)}-${String(sequence).padStart(6, '0')}`;
}

export async function insertOrder(ctx: CommandContext, order: Omit<Order, 'number'>): Promise<Order> {
  // From the tenant's counter, not count + 1: two servers creating orders at once would both count
  // the same rows and one would fail on the unique number; the counter serialises them instead, and
  // its increment rolls back with this transaction if anything below fails.
  const sequence = await ctx.tx.counters.next(ORDER_NUMBER_COUNTER);
  const full: Order = { ...order, number: orderNumber(ctx, sequence) };
  await ctx.insert(
    ENTITY.order,
    full,
    'order.created',
    full.opportunityId ? { opportunityId: full.opportunityId } : null,
  );
  // A direct order governs its own team; an order from a deal shares the deal's team.
  if (!full.opportunityId) await ctx.setTeam(full.id, full.ownerId, [], { fresh: true });
  await refreshOrderReminders(ctx, full, { fresh: true });
  return full;
}

/** The won deal's lines become the order's lines; the deal team follows through the team key. */
export async function insertOrderFromOpportunity(
  ctx: CommandContext,
  opp: Opportunity,
  options: { promisedDelivery?: string | undefined; warrantyMonths?: number | undefined },
): Promise<Order> {
  const promised: CalendarDate | null = options.promisedDelivery
    ? parseInput(calendarDateSchema, options.promisedDelivery)
    : opp.requiredDelivery;
  const lines: OrderLine[] = opp.lines.map((l) => ({
    id: ctx.newId('oline'),
    sku: l.sku,
    description: l.description,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    shippedQuantity: 0,
    serials: [],
    warrantyUntil: null,
  }));
  return insertOrder(ctx, {
    tenantId: ctx.tx.tenantId,
    id: ctx.newId('order'),
    version: 1,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    accountId: opp.accountId,
    opportunityId: opp.id,
    channel: opp.channel,
    ownerId: opp.ownerId,
    status: 'draft',
    lines,
    currency: opp.currency,
    amount: opp.amount,
    promisedDelivery: promised,
    deliveredAt: null,
    cancelReason: null,
    warrantyMonths: options.warrantyMonths ?? 12,
  });
}

/** The latest completed visit to the customer since delivery: the after-sales clock restarts there. */
async function lastServiceVisitAt(ctx: CommandContext, order: Order): Promise<string | null> {
  if (!order.deliveredAt) return null;
  let latest: string | null = null;
  let cursor: string | undefined;
  do {
    const page = await ctx.tx.activities.list({
      where: {
        accountId: [order.accountId],
        status: ['completed'],
        kind: ['visit'],
        startAt: { from: order.deliveredAt },
      },
      scope: { kind: 'all' },
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const a of page.items) if (latest === null || a.startAt > latest) latest = a.startAt;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return latest;
}

export async function refreshOrderReminders(
  ctx: CommandContext,
  order: Order,
  options: FreshOption = {},
): Promise<void> {
  const status =
    order.status === 'delivered' || order.status === 'closed' || order.status === 'cancelled'
      ? order.status
      : 'open';
  const desired = remindersForOrder(
    {
      id: order.id,
      ownerId: order.ownerId,
      channel: order.channel,
      status,
      promisedDelivery: order.promisedDelivery,
      deliveredAt: order.deliveredAt,
      lastServiceVisitAt: await lastServiceVisitAt(ctx, order),
      label: order.number,
    },
    ctx.settings.reminders,
  );
  await syncReminders(ctx, 'order', order.id, desired, options);
}
