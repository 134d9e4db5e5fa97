import {
  type ActorRef,
  type CalendarDate,
  type Channel,
  type ClosedGroupBy,
  type ClosedGroupRow,
  type CommandContext,
  type CostFilter,
  type CostGroupBy,
  type Crm,
  channelSchema,
  checkSafeAmount,
  moneyTotal,
  type OpportunityFilter,
  parseInput,
} from '@gongfu/core';
import { askTogether } from '../shared/ask-together.js';
import { dateRange, instantRange, oneOf, type Period, parsePeriod, parseTimeZone } from '../shared/period.js';
import { labelKeys } from './cost-labels.js';
import { monthRevenue } from './month-revenue.js';

export const COST_ROLLUP_BY = [
  'opportunity',
  'account',
  'salesperson',
  'team',
  'channel',
  'category',
  'month',
] as const;
export type CostRollupBy = (typeof COST_ROLLUP_BY)[number];

export interface CostRollupOptions extends Period {
  by: CostRollupBy;
  /** Only the costs (and won deals) of salespeople in this channel. */
  channel?: Channel;
  /** Zone of the period's days for won deals; the CRM's zone by default. */
  timeZone?: string;
}

export interface CostRollupRow {
  /** The group (a deal, account or user id, a category, a `YYYY-MM` month); null = not booked there. */
  key: string | null;
  label: string;
  currency: string;
  /** Cost entries and their exact sum in minor units. */
  count: number;
  amount: number;
  /** Won revenue of the same group in the period (null where a grouping has none, e.g. category). */
  wonRevenue: number | null;
  wonDeals: number | null;
  /** amount ÷ wonRevenue; null without revenue. */
  costToRevenue: number | null;
  /** amount ÷ wonDeals in minor units, rounded; null without a won deal. */
  costPerWonDeal: number | null;
}

export interface CostRollup {
  by: CostRollupBy;
  from: CalendarDate | null;
  to: CalendarDate | null;
  timeZone: string;
  rows: CostRollupRow[];
  /** One row per currency over everything visible in the period. */
  totals: CostRollupRow[];
}

const STORAGE_GROUP: Record<CostRollupBy, CostGroupBy> = {
  opportunity: 'opportunity',
  account: 'account',
  salesperson: 'incurred_by',
  team: 'team',
  channel: 'channel',
  category: 'category',
  month: 'month',
};

/**
 * The costs of selling rolled up in the database, over what the actor may see: a salesperson sees
 * their own, a manager their team's, an administrator everyone's. Beside each group, the revenue
 * it won in the period, so the manager reads what winning cost.
 *
 * Revenue is the won deals *closed* in the period (local days in `timeZone`), attributed to the
 * deal, its account, or its owner (and through the owner to their team and channel) — the same
 * people costs are attributed to.
 */
export async function costRollup(crm: Crm, actor: ActorRef, options: CostRollupOptions) {
  const by = oneOf('by', options.by, COST_ROLLUP_BY);
  const period = parsePeriod(options);
  const timeZone = parseTimeZone(options.timeZone, crm.timeZone);
  const channel = options.channel === undefined ? undefined : parseInput(channelSchema, options.channel);
  return crm.runAs(actor, async (ctx): Promise<CostRollup> => {
    const scope = ctx.scope();
    const people = channel === undefined ? undefined : peopleOfChannel(ctx, channel);
    const costWhere: CostFilter = {
      incurredOn: dateRange(period),
      ...(people ? { incurredBy: people } : {}),
    };
    // Only won deals count here (lost ones are neither revenue nor read): half the closed rows.
    const dealWhere: OpportunityFilter = { stage: ['won'], ...(people ? { ownerId: people } : {}) };
    const closed = instantRange(period, timeZone);

    // Costs and revenue are asked for together (one round trip on PostgreSQL). By month, revenue is
    // cut at the months' local midnights: a bounded period names its months without the costs.
    const costsRead = ctx.tx.reports.costTotals(costWhere, scope, STORAGE_GROUP[by]);
    const months = by === 'month' ? (monthsOf(period) ?? monthKeys(await costsRead)) : [];
    const [groups, { revenue, partition }] = await askTogether([
      costsRead,
      revenueByKey(ctx, by, months, dealWhere, closed, timeZone),
    ]);
    const labels = await labelKeys(
      ctx,
      by,
      groups.map((g) => g.key),
    );
    const rows = groups.map((g) =>
      withRevenue(
        g,
        labels.get(g.key) ?? g.key ?? '—',
        by === 'category' ? null : revenue(g.key, g.currency),
      ),
    );
    const totals = sumByCurrency(groups).map((t) =>
      withRevenue(
        { ...t, key: null },
        'total',
        partition.find((r) => r.currency === t.currency) ?? zeroRevenue,
      ),
    );
    return { by, from: period.from, to: period.to, timeZone, rows, totals };
  });
}

const zeroRevenue = { won: 0, wonAmount: 0 };

function withRevenue(
  g: { key: string | null; currency: string; count: number; amount: number },
  label: string,
  revenue: { won: number; wonAmount: number } | null,
): CostRollupRow {
  return {
    key: g.key,
    label,
    currency: g.currency,
    count: g.count,
    amount: g.amount,
    wonRevenue: revenue?.wonAmount ?? null,
    wonDeals: revenue?.won ?? null,
    costToRevenue: revenue && revenue.wonAmount > 0 ? g.amount / revenue.wonAmount : null,
    costPerWonDeal: revenue && revenue.won > 0 ? Math.round(g.amount / revenue.won) : null,
  };
}

function peopleOfChannel(ctx: CommandContext, channel: Channel): string[] {
  return [...ctx.users.values()].filter((u) => u.channel === channel).map((u) => u.id);
}

/** The months a bounded period touches (`YYYY-MM`), or null for an open or decade-long one. */
function monthsOf(period: { from: CalendarDate | null; to: CalendarDate | null }): string[] | null {
  if (period.from === null || period.to === null) return null;
  const months: string[] = [];
  let [y, m] = [Number(period.from.slice(0, 4)), Number(period.from.slice(5, 7))];
  const last = period.to.slice(0, 7);
  for (let month = period.from.slice(0, 7); month <= last; month = `${y}-${String(m).padStart(2, '0')}`) {
    if (months.length === MAX_MONTHS) return null;
    months.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return months;
}

/** More months than this are cut where the costs fall, not where the period does. */
const MAX_MONTHS = 120;

const monthKeys = (groups: readonly { key: string | null }[]) => [
  ...new Set(groups.map((g) => g.key).filter((k): k is string => k !== null)),
];

/** Σ per currency of already-exact group sums (safe integers stay exact when added). */
function sumByCurrency(groups: readonly { currency: string; count: number; amount: number }[]) {
  const out = new Map<string, { currency: string; count: number; amount: number }>();
  for (const g of groups) {
    const t = out.get(g.currency) ?? { currency: g.currency, count: 0, amount: 0 };
    t.count += g.count;
    t.amount = checkSafeAmount(t.amount + g.amount, 'amount', moneyTotal(g.currency));
    out.set(g.currency, t);
  }
  return [...out.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1));
}

type RevenueOf = (key: string | null, currency: string) => { won: number; wonAmount: number };
type Partition = { currency: string; won: number; wonAmount: number }[];

/**
 * Won revenue per group key, attributed the way the costs of that grouping are, and over the whole
 * period per currency (`partition`). Grouped by a key every deal has exactly one of, the keyed rows
 * sum to the period's total: one aggregate, as a hand-written report would run.
 */
async function revenueByKey(
  ctx: CommandContext,
  by: CostRollupBy,
  months: readonly string[],
  where: OpportunityFilter,
  closed: { from?: string; to?: string },
  timeZone: string,
): Promise<{ revenue: RevenueOf; partition: Partition }> {
  if (by === 'category')
    return {
      revenue: () => zeroRevenue,
      partition: await ctx.tx.reports.closedTotals(where, ctx.scope(), closed, 'none'),
    };
  if (by === 'month') return monthRevenue(ctx, months, where, timeZone, closed);
  const storageBy: ClosedGroupBy =
    by === 'opportunity' ? 'opportunity' : by === 'account' ? 'account' : 'owner';
  const rows = await ctx.tx.reports.closedTotals(where, ctx.scope(), closed, storageBy);
  // Team and channel are properties of the owner, as they are of the spender on the cost side.
  const keyOf = (r: ClosedGroupRow): string | null => {
    if (by === 'team') return r.key === null ? null : (ctx.users.get(r.key)?.managerId ?? null);
    if (by === 'channel') return r.key === null ? null : (ctx.users.get(r.key)?.channel ?? null);
    return r.key;
  };
  const sums = new Map<string, { won: number; wonAmount: number }>();
  for (const r of rows) {
    const id = `${keyOf(r)}\u0000${r.currency}`;
    const s = sums.get(id) ?? { won: 0, wonAmount: 0 };
    s.won += r.won;
    s.wonAmount += r.wonAmount;
    sums.set(id, s);
  }
  const byCurrency = new Map<string, { currency: string; won: number; wonAmount: number }>();
  for (const r of rows) {
    const t = byCurrency.get(r.currency) ?? { currency: r.currency, won: 0, wonAmount: 0 };
    t.won += r.won;
    t.wonAmount += r.wonAmount;
    byCurrency.set(r.currency, t);
  }
  return {
    revenue: (key, currency) => sums.get(`${key}\u0000${currency}`) ?? zeroRevenue,
    partition: [...byCurrency.values()],
  };
}
