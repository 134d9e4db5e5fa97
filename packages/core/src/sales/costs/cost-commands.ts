import type { Page } from '../../domain/common.js';
import { PermissionDeniedError, ValidationError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { Runner } from '../../service/runner.js';
import { stripUndefined } from '../../service/strip-undefined.js';
import { resolveLinks } from '../activities/activity-links.js';
import { assertAssignable } from '../org/assignable.js';
import {
  type CorrectCostInput,
  type CostEntry,
  type CostListQuery,
  correctCostInput,
  costListQuery,
  type RecordCostInput,
  recordCostInput,
} from './cost.js';
import { type CostTotal, idInput, listAllCosts, sumByCurrency, toCostFilter } from './cost-support.js';

export type { CostTotal } from './cost-support.js';

/** A deal is priced in one currency; its costs must be too, or the roll-up would add apples to pears. */
function assertDealCurrency(dealCurrency: string | null, currency: string): void {
  if (dealCurrency !== null && dealCurrency !== currency) {
    throw new ValidationError([
      {
        field: 'amount.currency',
        message: `the deal is priced in ${dealCurrency}; book its costs in ${dealCurrency}`,
      },
    ]);
  }
}

/** Expense figures are the spender's: a deal colleague with edit rights may not rewrite them. */
function assertMayCorrect(ctx: CommandContext, cost: CostEntry): void {
  const { actor, org } = ctx;
  if (actor.role === 'admin' || actor.id === cost.incurredBy || org.isAbove(actor.id, cost.incurredBy))
    return;
  throw new PermissionDeniedError(
    'correct this cost entry',
    `only ${ctx.userName(cost.incurredBy)}, a manager above them or an administrator may`,
  );
}

export function costCommands(run: Runner) {
  return {
    /** Travel, entertainment, samples and demo units, bid fees … booked against a deal, customer or lead. */
    record: (actor: ActorRef, input: RecordCostInput): Promise<CostEntry> =>
      run.write(actor, async (ctx) => {
        const data = parseInput(recordCostInput, input);
        const incurredBy = data.incurredBy ?? ctx.actor.id;
        assertAssignable(ctx, incurredBy);
        const { currency, ...links } = await resolveLinks(ctx, data);
        assertDealCurrency(currency, data.amount.currency);
        const entry: CostEntry = {
          tenantId: ctx.tx.tenantId,
          id: ctx.newId('cost'),
          version: 1,
          createdAt: ctx.now,
          updatedAt: ctx.now,
          category: data.category,
          amount: data.amount,
          incurredOn: data.incurredOn,
          incurredBy,
          ...links,
          description: data.description || null,
        };
        return ctx.insert(ENTITY.cost, entry, 'cost.recorded');
      }),

    /** Replace the figures; the old ones and the reason stay in the history. */
    correct: (actor: ActorRef, id: string, input: CorrectCostInput): Promise<CostEntry> =>
      run.write(actor, async (ctx) => {
        const data = parseInput(correctCostInput, input);
        const cost = await ctx.load(ENTITY.cost, parseInput(idInput, id), 'edit');
        assertMayCorrect(ctx, cost);
        ctx.checkVersion('cost entry', cost, data.expectedVersion);
        const { reason, expectedVersion: _, description, ...figures } = data;
        const changes: Partial<CostEntry> = stripUndefined({
          ...figures,
          description: description === undefined ? undefined : description || null,
        });
        if (Object.keys(changes).length === 0) {
          throw new ValidationError([
            {
              field: 'amount',
              message: 'nothing to correct: give a new amount, category, date or description',
            },
          ]);
        }
        if (changes.amount && cost.opportunityId) {
          const deal = await ctx.tx.opportunities.get(cost.opportunityId);
          assertDealCurrency(deal?.currency ?? null, changes.amount.currency);
        }
        return ctx.update(ENTITY.cost, cost, changes, 'cost.corrected', { reason });
      }),

    get: (actor: ActorRef, id: string): Promise<CostEntry> =>
      run.read(actor, (ctx) => ctx.load(ENTITY.cost, parseInput(idInput, id))),

    list: (actor: ActorRef, query: CostListQuery = {}): Promise<Page<CostEntry>> =>
      run.read(actor, (ctx) => {
        const q = parseInput(costListQuery, query);
        return ctx.tx.costs.list({
          where: toCostFilter(q),
          scope: ctx.scope(),
          limit: q.limit,
          ...(q.cursor ? { cursor: q.cursor } : {}),
        });
      }),

    /** Sum per currency over every visible matching entry (paging and cursor are ignored). */
    total: (actor: ActorRef, query: CostListQuery = {}): Promise<CostTotal[]> =>
      run.read(actor, async (ctx) =>
        sumByCurrency(await listAllCosts(ctx, toCostFilter(parseInput(costListQuery, query)))),
      ),
  };
}
