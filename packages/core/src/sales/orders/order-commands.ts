import { z } from 'zod';
import { type Page, pageSchema } from '../../domain/common.js';
import { ConflictError, InvalidTransitionError, ValidationError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { Runner } from '../../service/runner.js';
import { stripUndefined } from '../../service/strip-undefined.js';
import type { OrderFilter } from '../../storage/repositories.js';
import { assertAssignable } from '../org/assignable.js';
import {
  type CreateDirectOrderInput,
  type CreateOrderFromOpportunityInput,
  cancelOrderInput,
  createDirectOrderInput,
  createOrderFromOpportunityInput,
  type Order,
  type ShipInput,
  shipInput,
} from './order.js';
import {
  deliverInput,
  moveOrder,
  newOrderLines,
  recordShipment,
  sumOrderLines,
  versionInput,
  withWarranty,
} from './order-flow.js';
import { insertOrder, insertOrderFromOpportunity } from './order-support.js';

const idInput = z.string().trim().min(1, 'required').max(100);

export const orderListQuery = pageSchema.extend({
  status: z.array(z.string()).optional(),
  ownerId: z.array(z.string()).optional(),
  accountId: z.array(z.string()).optional(),
  opportunityId: z.array(z.string()).optional(),
});

type Version = { expectedVersion?: number | undefined };

export function orderCommands(run: Runner) {
  const withOrder = <T>(
    actor: ActorRef,
    id: string,
    input: Version,
    fn: (ctx: CommandContext, o: Order) => Promise<T>,
  ) =>
    run.write(actor, async (ctx) => {
      const order = await ctx.load(ENTITY.order, parseInput(idInput, id), 'edit');
      ctx.checkVersion('order', order, input.expectedVersion);
      return fn(ctx, order);
    });

  // Every command is async so that bad input rejects the promise rather than throwing synchronously.
  return {
    /** Won business becomes an order: the deal's lines, its team, one order per deal. */
    createFromOpportunity: (
      actor: ActorRef,
      opportunityId: string,
      input: CreateOrderFromOpportunityInput = {},
    ) =>
      run.write(actor, async (ctx): Promise<Order> => {
        const data = parseInput(createOrderFromOpportunityInput, input);
        const opp = await ctx.load(ENTITY.opportunity, parseInput(idInput, opportunityId), 'edit');
        if (opp.stage !== 'won') {
          throw new InvalidTransitionError(
            opp.stage,
            'CREATE_ORDER',
            `the deal is ${opp.stage}; only a won deal becomes an order`,
          );
        }
        const [existing] = (
          await ctx.tx.orders.list({ where: { opportunityId: [opp.id] }, scope: { kind: 'all' }, limit: 1 })
        ).items;
        if (existing) throw new ConflictError('order', `the deal already has order ${existing.number}`);
        return insertOrderFromOpportunity(ctx, opp, data);
      }),

    /** Distribution sells standard products to dealers without a deal; lines are priced as given. */
    createDirect: async (actor: ActorRef, input: CreateDirectOrderInput) =>
      run.write(actor, async (ctx): Promise<Order> => {
        const data = parseInput(createDirectOrderInput, input);
        const ownerId = data.ownerId ?? ctx.actor.id;
        assertAssignable(ctx, ownerId);
        const account = await ctx.load(ENTITY.account, data.accountId);
        return insertOrder(ctx, {
          tenantId: ctx.tx.tenantId,
          id: ctx.newId('order'),
          version: 1,
          createdAt: ctx.now,
          updatedAt: ctx.now,
          accountId: account.id,
          opportunityId: null,
          channel: data.channel,
          ownerId,
          status: 'draft',
          lines: newOrderLines(ctx, data.lines),
          currency: data.currency,
          amount: sumOrderLines(data.lines, data.currency),
          promisedDelivery: data.promisedDelivery ?? null,
          deliveredAt: null,
          cancelReason: null,
          warrantyMonths: data.warrantyMonths,
        });
      }),

    confirm: async (actor: ActorRef, id: string, input: Version = {}) =>
      withOrder(actor, id, parseInput(versionInput, input), (ctx, o) =>
        moveOrder(ctx, o, { type: 'CONFIRM' }, 'order.confirmed'),
      ),

    /** Record one shipment (possibly partial); serials, when given, are one per unit. */
    ship: async (actor: ActorRef, id: string, input: ShipInput) => {
      const data = parseInput(shipInput, input);
      return withOrder(actor, id, data, async (ctx, order) => {
        return recordShipment(ctx, order, data.lines);
      });
    },

    /** Delivery starts each line's warranty, counted on the service's calendar. */
    deliver: async (actor: ActorRef, id: string, input: z.input<typeof deliverInput> = {}) => {
      const data = parseInput(deliverInput, input);
      return withOrder(actor, id, data, (ctx, order) => {
        const deliveredAt = data.deliveredAt ?? ctx.now;
        if (deliveredAt > ctx.now)
          throw new ValidationError([
            { field: 'deliveredAt', message: 'a delivery cannot be in the future' },
          ]);
        const lines = withWarranty(order, deliveredAt, ctx.settings.timeZone);
        return moveOrder(ctx, order, { type: 'DELIVER' }, 'order.delivered', { deliveredAt, lines });
      });
    },

    close: async (actor: ActorRef, id: string, input: Version = {}) =>
      withOrder(actor, id, parseInput(versionInput, input), (ctx, o) =>
        moveOrder(ctx, o, { type: 'CLOSE' }, 'order.closed'),
      ),

    cancel: async (actor: ActorRef, id: string, input: { reason: string; expectedVersion?: number }) => {
      const data = parseInput(cancelOrderInput, input);
      return withOrder(actor, id, data, (ctx, o) =>
        moveOrder(ctx, o, { type: 'CANCEL', reason: data.reason }, 'order.cancelled'),
      );
    },

    get: async (actor: ActorRef, id: string): Promise<Order> =>
      run.read(actor, (ctx) => ctx.load(ENTITY.order, parseInput(idInput, id))),

    list: async (actor: ActorRef, query: z.input<typeof orderListQuery> = {}): Promise<Page<Order>> =>
      run.read(actor, (ctx) => {
        const { limit, cursor, ...where } = parseInput(orderListQuery, query);
        return ctx.tx.orders.list({
          where: stripUndefined(where) as OrderFilter,
          scope: ctx.scope(),
          limit,
          ...(cursor ? { cursor } : {}),
        });
      }),
  };
}
