import { type CalendarDate, calendarDateSchema } from '../../kernel/time.js';
import { parseInput } from '../../kernel/validate.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import { ORDER_NUMBER_COUNTER } from '../../storage/counter-store.js';
import type { Opportunity } from '../opportunities/opportunity.js';
import type { Order, OrderLine } from './order.js';

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
