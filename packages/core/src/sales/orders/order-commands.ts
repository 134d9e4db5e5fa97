import { type ExpectedVersionInput, expectedVersionInput, idSchema, type Page } from '../../domain/common.js';
import { ConflictError, fieldIssue, InvalidTransitionError, ValidationError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import { newCustom } from '../../service/custom-write.js';
import { ENTITY } from '../../service/entities.js';
import { listPage } from '../../service/list-page.js';
import type { Runner } from '../../service/runner.js';
import { assertAssignable } from '../org/assignable.js';
import { assertCatalogueLines } from '../products/catalogue-lines.js';
import { insertOrder, insertOrderFromOpportunity } from './insert-order.js';
import {
  type CancelOrderInput,
  type CreateDirectOrderInput,
  type CreateOrderFromOpportunityInput,
  cancelOrderInput,
  createDirectOrderInput,
  createOrderFromOpportunityInput,
  type DeliverOrderInput,
  deliverInput,
  type Order,
  type OrderListQuery,
  orderListQuery,
  type ShipInput,
  shipInput,
} from './order.js';
import { moveOrder, recordShipment } from './order-flow.js';
import { newOrderLines, sumOrderLines, withWarranty } from './order-lines.js';
import { sayOrder } from './order-messages.js';

/**
 * Orders (订单): won business, or a dealer's direct purchase of standard products, from draft to
 * confirmed, shipped (line by line, serial by serial), delivered — which starts the warranty — and closed.
 */
export interface OrderCommands {
  /**
   * Turn a won deal into its order: the deal's lines and amount, its team, one order per deal.
   * @example
   * ```ts
   * const order = await crm.orders.createFromOpportunity(jia, deal.id, {
   *   promisedDelivery: '2026-06-30', warrantyMonths: 24,
   * });
   * ```
   */
  createFromOpportunity(
    actor: ActorRef,
    opportunityId: string,
    input?: CreateOrderFromOpportunityInput,
  ): Promise<Order>;
  /**
   * A distribution order straight from a dealer, without a deal; lines are priced as given.
   * @example
   * ```ts
   * const order = await crm.orders.createDirect(bing, {
   *   accountId: dealer.id,
   *   lines: [{ sku: 'LS2208', quantity: 50, unitPrice: { amount: 900_00, currency: 'CNY' } }],
   *   promisedDelivery: '2026-04-10',
   * });
   * ```
   */
  createDirect(actor: ActorRef, input: CreateDirectOrderInput): Promise<Order>;
  /**
   * Confirm a draft order with the customer; it can ship from now on.
   * @example
   * ```ts
   * await crm.orders.confirm(jia, order.id, { expectedVersion: order.version });
   * ```
   */
  confirm(actor: ActorRef, id: string, input?: ExpectedVersionInput): Promise<Order>;
  /**
   * Record one shipment, possibly partial; serial numbers, when given, are one per unit so
   * after-sales service can find each unit later.
   * @example
   * ```ts
   * await crm.orders.ship(jia, order.id, {
   *   lines: [{ lineId: scanners.id, quantity: 2, serials: ['LS00001', 'LS00002'] }],
   * });
   * ```
   */
  ship(actor: ActorRef, id: string, input: ShipInput): Promise<Order>;
  /**
   * The customer has everything: each line's warranty starts, counted on the service's calendar.
   * @example
   * ```ts
   * await crm.orders.deliver(jia, order.id, { deliveredAt: '2026-06-28T16:30:00+08:00' });
   * ```
   */
  deliver(actor: ActorRef, id: string, input?: DeliverOrderInput): Promise<Order>;
  /**
   * Close a delivered order; it is frozen from then on.
   * @example
   * ```ts
   * await crm.orders.close(jia, order.id);
   * ```
   */
  close(actor: ActorRef, id: string, input?: ExpectedVersionInput): Promise<Order>;
  /**
   * Cancel an order that has not been delivered, saying why.
   * @example
   * ```ts
   * await crm.orders.cancel(jia, order.id, { reason: '客户项目取消' });
   * ```
   */
  cancel(actor: ActorRef, id: string, input: CancelOrderInput): Promise<Order>;
  /**
   * One order the actor may see (NOT_FOUND otherwise, exactly as for a missing one).
   * @example
   * ```ts
   * const order = await crm.orders.get(li, orderId);
   * ```
   */
  get(actor: ActorRef, id: string): Promise<Order>;
  /**
   * The orders the actor may see, one page at a time; every filter takes one value or several.
   * @example
   * ```ts
   * const page = await crm.orders.list(li, { status: ['confirmed', 'partially_shipped'], accountId: hengtong.id });
   * ```
   */
  list(actor: ActorRef, query?: OrderListQuery): Promise<Page<Order>>;
}

/** One deal has at most one order: a second `createFromOpportunity` names the first. */
async function assertNoOrderYet(ctx: CommandContext, opportunityId: string): Promise<void> {
  const [existing] = (
    await ctx.tx.orders.list({ where: { opportunityId: [opportunityId] }, scope: { kind: 'all' }, limit: 1 })
  ).items;
  if (existing)
    throw new ConflictError('order', sayOrder('order.conflict.alreadyHasOrder', { number: existing.number }));
}

export function orderCommands(run: Runner): OrderCommands {
  const withOrder = <T>(
    actor: ActorRef,
    id: string,
    input: { expectedVersion?: number | undefined },
    fn: (ctx: CommandContext, o: Order) => Promise<T>,
  ) =>
    run.write(actor, async (ctx) => {
      const order = await ctx.load(ENTITY.order, parseInput(idSchema, id), 'edit');
      ctx.checkVersion('order', order, input.expectedVersion);
      return fn(ctx, order);
    });

  // Every command is async so that bad input rejects the promise rather than throwing synchronously.
  return {
    createFromOpportunity: (actor, opportunityId, input = {}) =>
      run.write(actor, async (ctx) => {
        const data = parseInput(createOrderFromOpportunityInput, input);
        const opp = await ctx.load(ENTITY.opportunity, parseInput(idSchema, opportunityId), 'edit');
        if (opp.stage !== 'won') {
          throw new InvalidTransitionError(
            opp.stage,
            'CREATE_ORDER',
            sayOrder('order.refused.onlyWonDeal', { stage: opp.stage }),
          );
        }
        await assertNoOrderYet(ctx, opp.id);
        return insertOrderFromOpportunity(ctx, opp, {
          ...data,
          custom: newCustom(ctx, 'order', data.custom),
        });
      }),

    createDirect: async (actor, input) =>
      run.write(actor, async (ctx) => {
        const data = parseInput(createDirectOrderInput, input);
        const ownerId = data.ownerId ?? ctx.actor.id;
        assertAssignable(ctx, ownerId);
        const account = await ctx.load(ENTITY.account, data.accountId);
        await assertCatalogueLines(ctx, data.lines, (i) => `lines.${i}`);
        return insertOrder(ctx, {
          accountId: account.id,
          opportunityId: null,
          channel: data.channel,
          ownerId,
          lines: newOrderLines(ctx.settings.ids, data.lines),
          currency: data.currency,
          amount: sumOrderLines(data.lines, data.currency),
          promisedDelivery: data.promisedDelivery ?? null,
          warrantyMonths: data.warrantyMonths,
          custom: newCustom(ctx, 'order', data.custom),
        });
      }),

    confirm: async (actor, id, input = {}) =>
      withOrder(actor, id, parseInput(expectedVersionInput, input), (ctx, o) =>
        moveOrder(ctx, o, { type: 'CONFIRM' }, 'order.confirmed'),
      ),

    ship: async (actor, id, input) => {
      const data = parseInput(shipInput, input);
      return withOrder(actor, id, data, (ctx, order) => recordShipment(ctx, order, data.lines));
    },

    deliver: async (actor, id, input = {}) => {
      const data = parseInput(deliverInput, input);
      return withOrder(actor, id, data, (ctx, order) => {
        const deliveredAt = data.deliveredAt ?? ctx.now;
        if (deliveredAt > ctx.now)
          throw new ValidationError([fieldIssue('deliveredAt', sayOrder('order.invalid.deliveryInFuture'))]);
        const lines = withWarranty(order, deliveredAt, ctx.settings.timeZone);
        return moveOrder(ctx, order, { type: 'DELIVER' }, 'order.delivered', { deliveredAt, lines });
      });
    },

    close: async (actor, id, input = {}) =>
      withOrder(actor, id, parseInput(expectedVersionInput, input), (ctx, o) =>
        moveOrder(ctx, o, { type: 'CLOSE' }, 'order.closed'),
      ),

    cancel: async (actor, id, input) => {
      const data = parseInput(cancelOrderInput, input);
      return withOrder(actor, id, data, (ctx, o) =>
        moveOrder(ctx, o, { type: 'CANCEL', reason: data.reason }, 'order.cancelled'),
      );
    },

    get: async (actor, id) => run.read(actor, (ctx) => ctx.load(ENTITY.order, parseInput(idSchema, id))),

    list: async (actor, query = {}) =>
      run.read(actor, (ctx) => listPage(ctx, ctx.tx.orders, parseInput(orderListQuery, query), 'order')),
  };
}
