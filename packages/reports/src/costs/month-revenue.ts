import { atLocalTime, type CommandContext, type Instant, type OpportunityFilter } from '@gongfu/core';

type Won = { won: number; wonAmount: number };

/**
 * Won revenue per local calendar month, and over the period. Costs are dated by the day they were
 * incurred, so revenue must be dated by the local day a deal closed, not its UTC month. One
 * statement: the months' local midnights (and the period's ends) cut the closing instants into
 * segments, each inside one month or none and wholly inside or outside the period; months and the
 * period's total are sums of segments, exactly what a range query per month (and one for the
 * period) would return, DST zones included.
 */
export async function monthRevenue(
  ctx: CommandContext,
  monthKeys: readonly string[],
  where: OpportunityFilter,
  timeZone: string,
  closed: { from?: Instant; to?: Instant },
) {
  const months = monthKeys.map((month) => ({
    month,
    from: atLocalTime(`${month}-01`, '00:00', timeZone),
    to: firstOfNextMonth(month, timeZone),
  }));
  const edges = [...months.flatMap((m) => [m.from, m.to]), closed.from, closed.to];
  const bounds = [...new Set(edges.filter((b): b is Instant => b !== undefined))].sort();
  // Read from the earliest to the latest edge; an open end of the period stays open.
  const read = {
    ...(closed.from === undefined ? {} : { from: bounds[0] }),
    ...(closed.to === undefined ? {} : { to: bounds[bounds.length - 1] }),
  };
  const rows = await ctx.tx.reports.closedTotals(where, ctx.scope(), read, { bounds });
  const sums = new Map<string, Won>();
  const totals = new Map<string, Won & { currency: string }>();
  const add = (map: Map<string, Won>, id: string, r: Won) => {
    const s = map.get(id) ?? { won: 0, wonAmount: 0 };
    s.won += r.won;
    s.wonAmount += r.wonAmount;
    map.set(id, s);
  };
  for (const r of rows) {
    // Segment i is [bounds[i-1], bounds[i]); the first and last are open-ended.
    const i = Number(r.key);
    const from = i === 0 ? undefined : bounds[i - 1];
    const to = i === bounds.length ? undefined : bounds[i];
    const month =
      from === undefined || to === undefined
        ? undefined
        : months.find((m) => m.from <= from && to <= m.to)?.month;
    if (month !== undefined) add(sums, `${month}\u0000${r.currency}`, r);
    const inPeriod =
      (closed.from === undefined || (from !== undefined && from >= closed.from)) &&
      (closed.to === undefined || (to !== undefined && to <= closed.to));
    if (inPeriod) {
      const t = totals.get(r.currency) ?? { currency: r.currency, won: 0, wonAmount: 0 };
      t.won += r.won;
      t.wonAmount += r.wonAmount;
      totals.set(r.currency, t);
    }
  }
  return {
    revenue: (key: string | null, currency: string) =>
      sums.get(`${key}\u0000${currency}`) ?? { won: 0, wonAmount: 0 },
    partition: [...totals.values()],
  };
}

function firstOfNextMonth(month: string, timeZone: string) {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${(y ?? 0) + 1}-01` : `${y}-${String((m ?? 0) + 1).padStart(2, '0')}`;
  return atLocalTime(`${next}-01`, '00:00', timeZone);
}
