import type { RecordBase } from '../../domain/common.js';
import { type CalendarDate, calendarDateSchema, type Instant } from '../../kernel/time.js';
import { parseInput } from '../../kernel/validate.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import { ORDER_NUMBER_COUNTER } from '../../storage/counter-store.js';
import type { Opportunity } from '../opportunities/opportunity.js';
import type { Order } from './order.js';
import { newOrderLines } from './order-lines.js';

/** What a new order is made of; the stamp, its number and its draft state are added here. */
export type NewOrder = Omit<
  Order,
  keyof RecordBase | 'number' | 'status' | 'deliveredAt' | 'cancelReason' | 'custom'
> & {
  custom?: Order['custom'];
};

/** Order numbers people can read on the phone: SO-2026-000123, unique per tenant. */
function orderNumber(now: Instant, sequence: number): string {
  return `SO-${now.slice(0, 4)}-${String(sequence).padStart(6, '0')}`;
}

/** A new draft order with its number, its history and its team. */
export async function insertOrder(ctx: CommandContext, fields: NewOrder): Promise<Order> {
  const stamp = ctx.stamp('order');
  // From the tenant's counter, not count + 1: two servers creating orders at once would both count
  // the same rows and one would fail on the unique number; the counter serialises them instead, and
  // its increment rolls back with this transaction if anything below fails.
  const sequence = await ctx.tx.counters.next(ORDER_NUMBER_COUNTER);
  const order: Order = {
    ...stamp,
    ...fields,
    status: 'draft',
    deliveredAt: null,
    cancelReason: null,
    number: orderNumber(ctx.now, sequence),
    custom: fields.custom ?? {},
  };
  await ctx.insert(
    ENTITY.order,
    order,
    'order.created',
    order.opportunityId ? { opportunityId: order.opportunityId } : null,
  );
  // A direct order governs its own team; an order from a deal shares the deal's team.
  if (!order.opportunityId) await ctx.setTeam(order.id, order.ownerId, [], { fresh: true });
  return order;
}

/** The won deal's lines become the order's lines; the deal team follows through the team key. */
export async function insertOrderFromOpportunity(
  ctx: CommandContext,
  opp: Opportunity,
  options: {
    promisedDelivery?: string | undefined;
    warrantyMonths?: number | undefined;
    custom?: Order['custom'] | undefined;
  },
): Promise<Order> {
  const promised: CalendarDate | null = options.promisedDelivery
    ? parseInput(calendarDateSchema, options.promisedDelivery)
    : opp.requiredDelivery;
  return insertOrder(ctx, {
    accountId: opp.accountId,
    opportunityId: opp.id,
    channel: opp.channel,
    ownerId: opp.ownerId,
    lines: newOrderLines(ctx.settings.ids, opp.lines),
    currency: opp.currency,
    amount: opp.amount,
    promisedDelivery: promised,
    warrantyMonths: options.warrantyMonths ?? 12,
  });
}
