import { atLocalTime, type CommandContext, type OpportunityFilter } from '@gongfu/core';

/**
 * Won revenue per local calendar month. Costs are dated by the day they were incurred, so revenue
 * must be dated by the local day a deal closed, not its UTC month: one range query per month.
 */
export async function monthRevenue(
  ctx: CommandContext,
  groups: readonly { key: string | null }[],
  where: OpportunityFilter,
  timeZone: string,
) {
  const sums = new Map<string, { won: number; wonAmount: number }>();
  const months = [...new Set(groups.map((g) => g.key).filter((k): k is string => k !== null))];
  for (const month of months) {
    const range = {
      from: atLocalTime(`${month}-01`, '00:00', timeZone),
      to: firstOfNextMonth(month, timeZone),
    };
    for (const r of await ctx.tx.reports.closedTotals(where, ctx.scope(), range, 'none')) {
      sums.set(`${month}\u0000${r.currency}`, { won: r.won, wonAmount: r.wonAmount });
    }
  }
  return (key: string | null, currency: string) =>
    sums.get(`${key}\u0000${currency}`) ?? { won: 0, wonAmount: 0 };
}

function firstOfNextMonth(month: string, timeZone: string) {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${(y ?? 0) + 1}-01` : `${y}-${String((m ?? 0) + 1).padStart(2, '0')}`;
  return atLocalTime(`${next}-01`, '00:00', timeZone);
}
