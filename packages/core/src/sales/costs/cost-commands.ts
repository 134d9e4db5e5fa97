import { idSchema, type Page } from '../../domain/common.js';
import { fieldIssue, PermissionDeniedError, ValidationError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import { pageOf } from '../../service/list-page.js';
import type { Runner } from '../../service/runner.js';
import { scanAll } from '../../service/scan-all.js';
import { stripUndefined } from '../../service/strip-undefined.js';
import { resolveLinks } from '../activities/activity-links.js';
import { assertListed } from '../config/assert-listed.js';
import { assertAssignable } from '../org/assignable.js';
import {
  type CorrectCostInput,
  type CostEntry,
  type CostListQuery,
  type CostTotal,
  correctCostInput,
  costListQuery,
  type RecordCostInput,
  recordCostInput,
} from './cost.js';
import { toCostFilter } from './cost-filter.js';
import { sayCost as say } from './cost-messages.js';
import { sumByCurrency } from './cost-total.js';

/**
 * Sales costs (销售成本): travel, entertainment, samples and demo units, bid fees … booked against
 * deals, customers and leads, seen within the same limits as the records they belong to, and rolled up.
 */
export interface CostCommands {
  /**
   * Book a cost against a deal, a customer or a lead (naming a deal fills in its customer). A
   * deal's costs are in the deal's currency; a manager may book for someone below them.
   * @example
   * ```ts
   * await crm.costs.record(jia, {
   *   category: 'travel', amount: { amount: 1_280_00, currency: 'CNY' },
   *   incurredOn: '2026-03-05', opportunityId: opportunity.id, description: '济南—青岛高铁往返',
   * });
   * ```
   */
  record(actor: ActorRef, input: RecordCostInput): Promise<CostEntry>;
  /**
   * Replace the figures, saying why; the old ones and the reason stay in the history. Only the
   * spender, a manager above them or an admin may.
   * @example
   * ```ts
   * await crm.costs.correct(jia, cost.id, {
   *   amount: { amount: 98_50, currency: 'CNY' }, reason: '出租车发票为 98.50 元', expectedVersion: cost.version,
   * });
   * ```
   */
  correct(actor: ActorRef, id: string, input: CorrectCostInput): Promise<CostEntry>;
  /**
   * One cost entry the actor may see (NOT_FOUND otherwise, exactly as for a missing one).
   * @example
   * ```ts
   * const cost = await crm.costs.get(li, costId);
   * ```
   */
  get(actor: ActorRef, id: string): Promise<CostEntry>;
  /**
   * The cost entries the actor may see, one page at a time, by deal, customer, lead, spender and date.
   * @example
   * ```ts
   * const march = await crm.costs.list(li, { incurredBy: [jia.id, yi.id], from: '2026-03-01', to: '2026-03-31' });
   * ```
   */
  list(actor: ActorRef, query?: CostListQuery): Promise<Page<CostEntry>>;
  /**
   * What selling cost, per currency, over every entry the actor may see that matches (paging is
   * ignored); exact to the fen.
   * @example
   * ```ts
   * const [cny] = await crm.costs.total(li, { opportunityId: opportunity.id });
   * console.log(cny?.amount, cny?.count); // in fen, and how many entries
   * ```
   */
  total(actor: ActorRef, query?: CostListQuery): Promise<CostTotal[]>;
}

/** A deal is priced in one currency; its costs must be too, or the roll-up would add apples to pears. */
function assertDealCurrency(dealCurrency: string | null, currency: string): void {
  if (dealCurrency !== null && dealCurrency !== currency) {
    throw new ValidationError([
      fieldIssue('amount.currency', say('cost.invalid.dealCurrency', { currency: dealCurrency })),
    ]);
  }
}

/** Expense figures are the spender's: a deal colleague with edit rights may not rewrite them. */
function assertMayCorrect(ctx: CommandContext, cost: CostEntry): void {
  const { actor, org } = ctx;
  if (actor.role === 'admin' || actor.id === cost.incurredBy || org.isAbove(actor.id, cost.incurredBy))
    return;
  throw new PermissionDeniedError(
    say('cost.action.correct'),
    say('cost.denied.correct', { name: ctx.userName(cost.incurredBy) }),
  );
}

export function costCommands(run: Runner): CostCommands {
  return {
    record: (actor, input) =>
      run.write(actor, async (ctx) => {
        const data = parseInput(recordCostInput, input);
        assertListed(ctx, 'costCategories', data.category, 'category');
        const incurredBy = data.incurredBy ?? ctx.actor.id;
        assertAssignable(ctx, incurredBy);
        const { currency, ...links } = await resolveLinks(ctx, data, incurredBy);
        assertDealCurrency(currency, data.amount.currency);
        const entry: CostEntry = {
          ...ctx.stamp('cost'),
          category: data.category,
          amount: data.amount,
          incurredOn: data.incurredOn,
          incurredBy,
          ...links,
          description: data.description || null,
        };
        return ctx.insert(ENTITY.cost, entry, 'cost.recorded');
      }),

    correct: (actor, id, input) =>
      run.write(actor, async (ctx) => {
        const data = parseInput(correctCostInput, input);
        const cost = await ctx.load(ENTITY.cost, parseInput(idSchema, id), 'edit');
        assertMayCorrect(ctx, cost);
        // Keeping a retired category on a correction is not choosing it anew.
        if (data.category !== cost.category) assertListed(ctx, 'costCategories', data.category, 'category');
        ctx.checkVersion('cost entry', cost, data.expectedVersion);
        const { reason, expectedVersion: _, description, ...figures } = data;
        const changes: Partial<CostEntry> = stripUndefined({
          ...figures,
          description: description === undefined ? undefined : description || null,
        });
        if (Object.keys(changes).length === 0) {
          throw new ValidationError([fieldIssue('amount', say('cost.invalid.nothingToCorrect'))]);
        }
        if (changes.amount && cost.opportunityId) {
          const deal = await ctx.tx.opportunities.get(cost.opportunityId);
          assertDealCurrency(deal?.currency ?? null, changes.amount.currency);
        }
        return ctx.update(ENTITY.cost, cost, changes, 'cost.corrected', { reason });
      }),

    get: (actor, id) => run.read(actor, (ctx) => ctx.load(ENTITY.cost, parseInput(idSchema, id))),

    list: (actor, query = {}) =>
      run.read(actor, (ctx) => {
        const q = parseInput(costListQuery, query);
        return pageOf(ctx, ctx.tx.costs, toCostFilter(q), q);
      }),

    total: (actor, query = {}) =>
      run.read(actor, async (ctx) => {
        const where = toCostFilter(parseInput(costListQuery, query));
        return sumByCurrency(await scanAll(ctx.tx.costs, where, ctx.scope()));
      }),
  };
}
