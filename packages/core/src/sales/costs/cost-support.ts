import { z } from 'zod';
import { ValidationError } from '../../kernel/errors.js';
import type { CommandContext } from '../../service/context.js';
import type { CostFilter } from '../../storage/repositories.js';
import { shiftCalendarDate } from '../reminders/local-time.js';
import type { CostEntry, costListQuery } from './cost.js';

export const idInput = z.string().trim().min(1, 'required').max(100);

export interface CostTotal {
  currency: string;
  /** Minor units (fen for CNY), summed exactly. */
  amount: number;
  count: number;
}

/**
 * The caller's filter as the storage's. `to` is inclusive for people ("costs up to 31 March"),
 * while storage ranges are [from, to), so the day after `to` becomes the exclusive end.
 */
export function toCostFilter(q: z.output<typeof costListQuery>): CostFilter {
  if (q.from && q.to && q.from > q.to)
    throw new ValidationError([{ field: 'to', message: `must not be before from (${q.from})` }]);
  const filter: CostFilter = {};
  if (q.incurredBy) filter.incurredBy = [q.incurredBy];
  if (q.opportunityId) filter.opportunityId = [q.opportunityId];
  if (q.accountId) filter.accountId = [q.accountId];
  if (q.leadId) filter.leadId = [q.leadId];
  if (q.from || q.to)
    filter.incurredOn = {
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: shiftCalendarDate(q.to, 1) } : {}),
    };
  return filter;
}

/** Every visible matching entry, page by page, scoped in SQL. */
export async function listAllCosts(ctx: CommandContext, where: CostFilter): Promise<CostEntry[]> {
  const out: CostEntry[] = [];
  const scope = ctx.scope();
  let cursor: string | undefined;
  do {
    const page = await ctx.tx.costs.list({ where, scope, limit: 500, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/**
 * Integer minor units summed as BigInt, so a total is exact however many entries there are; one
 * that no longer fits a safe JS number is refused rather than silently rounded.
 */
export function sumByCurrency(entries: readonly CostEntry[]): CostTotal[] {
  const sums = new Map<string, { amount: bigint; count: number }>();
  for (const e of entries) {
    const s = sums.get(e.amount.currency) ?? { amount: 0n, count: 0 };
    s.amount += BigInt(e.amount.amount);
    s.count += 1;
    sums.set(e.amount.currency, s);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, s]) => {
      if (s.amount > BigInt(Number.MAX_SAFE_INTEGER))
        throw new RangeError(`the ${currency} total exceeds the safe integer range`);
      return { currency, amount: Number(s.amount), count: s.count };
    });
}
