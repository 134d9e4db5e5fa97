import { idSchema, type Page } from '../../domain/common.js';
import { ConflictError, PermissionDeniedError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import { pageOf } from '../../service/list-page.js';
import type { Runner } from '../../service/runner.js';
import { stripUndefined } from '../../service/strip-undefined.js';
import {
  channelKeyOf,
  type Quota,
  type QuotaFilter,
  type QuotaListQuery,
  quotaListQuery,
  type SetQuotaInput,
  setQuotaInput,
} from './quota.js';
import { sayQuota } from './quota-messages.js';

/**
 * Sales targets (销售指标) per person or team, period and channel. Attainment — what was won against
 * them — is computed by `@gongfu/reports` (`quotaAttainment`) from the orders the reader may see.
 */
export interface QuotaCommands {
  /**
   * Set the target of one person (or one manager's team) for a period, optionally per channel. Only
   * a manager above the person or an administrator may; nobody sets their own. Replacing an
   * existing quota needs its `expectedVersion`; the old target stays in the history.
   * @example
   * ```ts
   * await crm.quotas.set(li, { userId: jia.id, period: '2026-Q1', target: { amount: 3_000_000_00, currency: 'CNY' } });
   * await crm.quotas.set(zhang, { userId: li.id, scope: 'team', period: '2026', target: { amount: 50_000_000_00, currency: 'CNY' } });
   * ```
   */
  set(actor: ActorRef, input: SetQuotaInput): Promise<Quota>;
  /**
   * One quota the actor may see: their own, or one of someone below them (NOT_FOUND otherwise).
   * @example
   * ```ts
   * const quota = await crm.quotas.get(jia, quotaId);
   * ```
   */
  get(actor: ActorRef, id: string): Promise<Quota>;
  /**
   * The quotas the actor may see, by person, period and scope, newest first.
   * @example
   * ```ts
   * const q1 = await crm.quotas.list(li, { period: '2026-Q1' });
   * ```
   */
  list(actor: ActorRef, query?: QuotaListQuery): Promise<Page<Quota>>;
}

/** Targets are handed down: an administrator or a manager above the person sets them, never the person. */
function assertMaySetQuota(ctx: CommandContext, userId: string): void {
  const person = ctx.activeUser(userId, 'userId');
  if (ctx.actor.role === 'admin' || ctx.org.isAbove(ctx.actor.id, person.id)) return;
  throw new PermissionDeniedError(
    sayQuota('quota.action.set'),
    sayQuota('quota.denied.notAbove', { name: person.name }),
  );
}

function toQuotaFilter(q: ReturnType<typeof quotaListQuery.parse>): QuotaFilter {
  return stripUndefined({ userId: q.userId, period: q.period, scope: q.scope });
}

export function quotaCommands(run: Runner): QuotaCommands {
  return {
    set: (actor, input) =>
      run.write(actor, async (ctx) => {
        const data = parseInput(setQuotaInput, input);
        assertMaySetQuota(ctx, data.userId);
        const key: QuotaFilter = {
          userId: [data.userId],
          period: [data.period],
          scope: data.scope,
          channelKey: channelKeyOf(data.channel),
        };
        const existing = (await ctx.tx.quotas.list({ where: key, scope: { kind: 'all' }, limit: 1 }))
          .items[0];
        const fields = { target: data.target, note: data.note || null };
        if (!existing) {
          const quota: Quota = {
            ...ctx.stamp('quota'),
            userId: data.userId,
            scope: data.scope,
            period: data.period,
            channel: data.channel,
            ...fields,
          };
          return ctx.insert(ENTITY.quota, quota, 'quota.set');
        }
        if (data.expectedVersion === undefined) {
          throw new ConflictError(
            'quota',
            sayQuota('quota.conflict.exists', {
              name: ctx.userName(data.userId),
              scope: data.scope,
              period: data.period,
              version: existing.version,
            }),
          );
        }
        ctx.checkVersion('quota', existing, data.expectedVersion);
        return ctx.update(ENTITY.quota, existing, fields, 'quota.changed');
      }),

    get: (actor, id) => run.read(actor, (ctx) => ctx.load(ENTITY.quota, parseInput(idSchema, id))),

    list: (actor, query = {}) =>
      run.read(actor, (ctx) => {
        const q = parseInput(quotaListQuery, query);
        return pageOf(ctx, ctx.tx.quotas, toQuotaFilter(q), q);
      }),
  };
}
