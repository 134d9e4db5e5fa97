import { type ExpectedVersionInput, expectedVersionInput, idSchema, type Page } from '../../domain/common.js';
import { parseInput } from '../../kernel/validate.js';
import { assertDecision } from '../../lifecycle/decision.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import { newCustom } from '../../service/custom-write.js';
import { ENTITY } from '../../service/entities.js';
import { listPage } from '../../service/list-page.js';
import type { Runner } from '../../service/runner.js';
import {
  type OpenServiceCaseInput,
  openServiceCaseInput,
  type ProgressServiceCaseInput,
  progressServiceCaseInput,
  type ResolveServiceCaseInput,
  resolveServiceCaseInput,
  type ServiceCase,
  type ServiceCaseListQuery,
  serviceCaseListQuery,
} from './service-case.js';
import { decideServiceCase, type ServiceCaseEvent } from './service-case-machine.js';
import { assertServiceable, caseLine, isUnderWarranty, warrantyFor } from './service-case-rules.js';

/**
 * Service cases (售后服务): repair, replacement or periodic maintenance of units a customer has
 * received, seen by the deal team that sold them, so the relationship keeps bringing repeat business.
 */
export interface ServiceCaseCommands {
  /**
   * Open a case on a delivered order, for one unit (by serial or line) or the whole order; whether
   * it is under warranty is settled now, on the service's calendar.
   * @example
   * ```ts
   * const sc = await crm.serviceCases.open(service, {
   *   orderId: order.id, serial: 'LS00017', kind: 'repair', summary: '扫描枪无法识别条码',
   * });
   * ```
   */
  open(actor: ActorRef, input: OpenServiceCaseInput): Promise<ServiceCase>;
  /**
   * The next working step: diagnosing, then repair or replacement (a unit found beyond repair is replaced).
   * @example
   * ```ts
   * await crm.serviceCases.progress(service, sc.id, { to: 'diagnosing', note: '寄回检测' });
   * ```
   */
  progress(actor: ActorRef, id: string, input: ProgressServiceCaseInput): Promise<ServiceCase>;
  /**
   * Say what was done for the customer; a repair or replacement case is resolved only after that step.
   * @example
   * ```ts
   * await crm.serviceCases.resolve(service, sc.id, { resolution: '更换扫描头, 客户确认可用' });
   * ```
   */
  resolve(actor: ActorRef, id: string, input: ResolveServiceCaseInput): Promise<ServiceCase>;
  /**
   * Close a resolved case; it is frozen from then on.
   * @example
   * ```ts
   * await crm.serviceCases.close(service, sc.id);
   * ```
   */
  close(actor: ActorRef, id: string, input?: ExpectedVersionInput): Promise<ServiceCase>;
  /**
   * The customer reports the problem again; the case goes back to diagnosing and the old
   * resolution stays in its history.
   * @example
   * ```ts
   * await crm.serviceCases.reopen(service, sc.id);
   * ```
   */
  reopen(actor: ActorRef, id: string, input?: ExpectedVersionInput): Promise<ServiceCase>;
  /**
   * One case the actor may see (NOT_FOUND otherwise, exactly as for a missing one).
   * @example
   * ```ts
   * const sc = await crm.serviceCases.get(li, caseId);
   * ```
   */
  get(actor: ActorRef, id: string): Promise<ServiceCase>;
  /**
   * The cases the actor may see, one page at a time; every filter takes one value or several.
   * @example
   * ```ts
   * const open = await crm.serviceCases.list(service, { status: ['open', 'diagnosing'], orderId: order.id });
   * ```
   */
  list(actor: ActorRef, query?: ServiceCaseListQuery): Promise<Page<ServiceCase>>;
}

const PROGRESS_EVENTS = { diagnosing: 'DIAGNOSE', repair: 'REPAIR', replacement: 'REPLACE' } as const;

/** Run one lifecycle event on the case; the machine decides, the history records the move. */
async function move(
  ctx: CommandContext,
  sc: ServiceCase,
  event: ServiceCaseEvent,
  name: string,
  meta: Record<string, unknown> = {},
): Promise<ServiceCase> {
  const decision = assertDecision(decideServiceCase(sc.status, { kind: sc.kind }, event));
  return ctx.transition(ENTITY.serviceCase, sc, decision, {
    event: name,
    meta: { from: sc.status, to: decision.to, ...meta },
  });
}

export function serviceCaseCommands(run: Runner): ServiceCaseCommands {
  const withCase = <T>(
    actor: ActorRef,
    id: string,
    input: { expectedVersion?: number | undefined },
    fn: (ctx: CommandContext, sc: ServiceCase) => Promise<T>,
  ) =>
    run.write(actor, async (ctx) => {
      const sc = await ctx.load(ENTITY.serviceCase, parseInput(idSchema, id), 'edit');
      ctx.checkVersion('service case', sc, input.expectedVersion);
      return fn(ctx, sc);
    });

  // Every command is async so that bad input rejects the promise rather than throwing synchronously.
  return {
    open: async (actor, input) =>
      run.write(actor, async (ctx) => {
        const data = parseInput(openServiceCaseInput, input);
        // A case is work on the customer's order: edit access on it (a read-level deal member may not).
        const order = await ctx.load(ENTITY.order, data.orderId, 'edit');
        assertServiceable(order);
        const line = caseLine(order, data);
        const assignee = data.assigneeId ? ctx.activeUser(data.assigneeId, 'assignee') : null;
        const warrantyUntil = warrantyFor(order, line);
        const sc: ServiceCase = {
          ...ctx.stamp('case'),
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
          custom: newCustom(ctx, 'serviceCase', data.custom),
        };
        return ctx.insert(ENTITY.serviceCase, sc, 'service_case.opened', {
          orderId: order.id,
          kind: sc.kind,
        });
      }),

    progress: async (actor, id, input) => {
      const data = parseInput(progressServiceCaseInput, input);
      return withCase(actor, id, data, (ctx, sc) =>
        move(
          ctx,
          sc,
          { type: PROGRESS_EVENTS[data.to] },
          'service_case.progressed',
          data.note ? { note: data.note } : {},
        ),
      );
    },

    resolve: async (actor, id, input) => {
      const data = parseInput(resolveServiceCaseInput, input);
      return withCase(actor, id, data, (ctx, sc) =>
        move(ctx, sc, { type: 'RESOLVE', resolution: data.resolution }, 'service_case.resolved'),
      );
    },

    close: async (actor, id, input = {}) =>
      withCase(actor, id, parseInput(expectedVersionInput, input), (ctx, sc) =>
        move(ctx, sc, { type: 'CLOSE' }, 'service_case.closed'),
      ),

    reopen: async (actor, id, input = {}) =>
      withCase(actor, id, parseInput(expectedVersionInput, input), (ctx, sc) =>
        move(ctx, sc, { type: 'REOPEN' }, 'service_case.reopened'),
      ),

    get: async (actor, id) =>
      run.read(actor, (ctx) => ctx.load(ENTITY.serviceCase, parseInput(idSchema, id))),

    list: async (actor, query = {}) =>
      run.read(actor, (ctx) =>
        listPage(ctx, ctx.tx.serviceCases, parseInput(serviceCaseListQuery, query), 'serviceCase'),
      ),
  };
}
