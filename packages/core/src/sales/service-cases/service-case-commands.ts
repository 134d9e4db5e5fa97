import { z } from 'zod';
import { type Page, pageSchema } from '../../domain/common.js';
import { parseInput } from '../../kernel/validate.js';
import { assertDecision } from '../../lifecycle/decision.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { Runner } from '../../service/runner.js';
import { stripUndefined } from '../../service/strip-undefined.js';
import type { ServiceCaseFilter } from '../../storage/repositories.js';
import { versionInput } from '../orders/order-flow.js';
import {
  type OpenServiceCaseInput,
  openServiceCaseInput,
  progressServiceCaseInput,
  resolveServiceCaseInput,
  type ServiceCase,
} from './service-case.js';
import { decideServiceCase, type ServiceCaseEvent } from './service-case-machine.js';
import { assertServiceable, caseLine, isUnderWarranty, warrantyFor } from './service-case-support.js';

const idInput = z.string().trim().min(1, 'required').max(100);

export const serviceCaseListQuery = pageSchema.extend({
  status: z.array(z.string()).optional(),
  orderId: z.array(z.string()).optional(),
  accountId: z.array(z.string()).optional(),
  ownerId: z.array(z.string()).optional(),
});

const PROGRESS_EVENTS = { diagnosing: 'DIAGNOSE', repair: 'REPAIR', replacement: 'REPLACE' } as const;

type Version = { expectedVersion?: number | undefined };

/** Run one lifecycle event on the case; the machine decides, the history records the move. */
async function move(
  ctx: CommandContext,
  sc: ServiceCase,
  event: ServiceCaseEvent,
  name: string,
  changes: Partial<ServiceCase> = {},
  meta: Record<string, unknown> = {},
): Promise<ServiceCase> {
  const decision = assertDecision(decideServiceCase(sc.status, { kind: sc.kind }, event));
  return ctx.transition(ENTITY.serviceCase, sc, decision, {
    event: name,
    changes,
    meta: { from: sc.status, to: decision.to, ...meta },
  });
}

export function serviceCaseCommands(run: Runner) {
  const withCase = <T>(
    actor: ActorRef,
    id: string,
    input: Version,
    fn: (ctx: CommandContext, sc: ServiceCase) => Promise<T>,
  ) =>
    run.write(actor, async (ctx) => {
      const sc = await ctx.load(ENTITY.serviceCase, parseInput(idInput, id), 'edit');
      ctx.checkVersion('service case', sc, input.expectedVersion);
      return fn(ctx, sc);
    });

  // Every command is async so that bad input rejects the promise rather than throwing synchronously.
  return {
    /** Repair, replacement or maintenance of delivered units; the deal team sees the case. */
    open: async (actor: ActorRef, input: OpenServiceCaseInput) =>
      run.write(actor, async (ctx): Promise<ServiceCase> => {
        const data = parseInput(openServiceCaseInput, input);
        const order = await ctx.load(ENTITY.order, data.orderId);
        assertServiceable(order);
        const line = caseLine(order, data);
        const assignee = data.assigneeId ? ctx.activeUser(data.assigneeId, 'assignee') : null;
        const warrantyUntil = warrantyFor(order, line);
        const sc: ServiceCase = {
          tenantId: ctx.tx.tenantId,
          id: ctx.newId('case'),
          version: 1,
          createdAt: ctx.now,
          updatedAt: ctx.now,
          accountId: order.accountId,
          orderId: order.id,
          opportunityId: order.opportunityId,
          orderLineId: line?.id ?? null,
          serial: data.serial ?? null,
          kind: data.kind,
          status: 'open',
          summary: data.summary,
          underWarranty: isUnderWarranty(warrantyUntil, ctx.now, ctx.settings.timeZone),
          warrantyUntil,
          ownerId: ctx.actor.id,
          assigneeId: assignee?.id ?? null,
          resolution: null,
          resolvedAt: null,
        };
        return ctx.insert(ENTITY.serviceCase, sc, 'service_case.opened', {
          orderId: order.id,
          kind: sc.kind,
        });
      }),

    progress: async (actor: ActorRef, id: string, input: z.input<typeof progressServiceCaseInput>) => {
      const data = parseInput(progressServiceCaseInput, input);
      return withCase(actor, id, data, (ctx, sc) =>
        move(
          ctx,
          sc,
          { type: PROGRESS_EVENTS[data.to] },
          'service_case.progressed',
          {},
          data.note ? { note: data.note } : {},
        ),
      );
    },

    resolve: async (actor: ActorRef, id: string, input: z.input<typeof resolveServiceCaseInput>) => {
      const data = parseInput(resolveServiceCaseInput, input);
      return withCase(actor, id, data, (ctx, sc) =>
        move(ctx, sc, { type: 'RESOLVE', resolution: data.resolution }, 'service_case.resolved'),
      );
    },

    close: async (actor: ActorRef, id: string, input: Version = {}) =>
      withCase(actor, id, parseInput(versionInput, input), (ctx, sc) =>
        move(ctx, sc, { type: 'CLOSE' }, 'service_case.closed'),
      ),

    /** The customer reports the problem again; the old resolution stays in the history. */
    reopen: async (actor: ActorRef, id: string, input: Version = {}) =>
      withCase(actor, id, parseInput(versionInput, input), (ctx, sc) =>
        move(ctx, sc, { type: 'REOPEN' }, 'service_case.reopened'),
      ),

    get: async (actor: ActorRef, id: string): Promise<ServiceCase> =>
      run.read(actor, (ctx) => ctx.load(ENTITY.serviceCase, parseInput(idInput, id))),

    list: async (
      actor: ActorRef,
      query: z.input<typeof serviceCaseListQuery> = {},
    ): Promise<Page<ServiceCase>> =>
      run.read(actor, (ctx) => {
        const { limit, cursor, ...where } = parseInput(serviceCaseListQuery, query);
        return ctx.tx.serviceCases.list({
          where: stripUndefined(where) as ServiceCaseFilter,
          scope: ctx.scope(),
          limit,
          ...(cursor ? { cursor } : {}),
        });
      }),
  };
}
