import {
  type ActorRef,
  type CalendarDate,
  type CommandContext,
  type Crm,
  OPPORTUNITY_STAGES,
  type PipelineGroupBy,
  type PipelineGroupRow,
} from '@gongfu/core';
import { type AttainmentRow, quotaAttainment } from '../quotas/quota-attainment.js';
import { instantRange, type Period, parsePeriod, parseTimeZone } from '../shared/period.js';

export interface PipelineOptions extends Period {
  /** Zone of the period's days; the CRM's zone by default. */
  timeZone?: string;
  /** A quota period (`2026-Q1`, `2026-03`, `2026`) to set the forecast against; none by default. */
  quotaPeriod?: string;
}

export interface PipelineRow extends PipelineGroupRow {
  label: string;
}

export interface ClosedSummary {
  currency: string;
  won: number;
  lost: number;
  /** won ÷ (won + lost); null when nothing closed. */
  winRate: number | null;
  wonAmount: number;
  /** Mean days from a deal's creation to its win; null without a win. */
  averageCycleDays: number | null;
}

export interface Funnel {
  leads: number;
  convertedLeads: number;
  opportunities: number;
  wonOpportunities: number;
  orders: number;
  /** convertedLeads ÷ leads, wonOpportunities ÷ opportunities; null on an empty stage. */
  leadToOpportunity: number | null;
  opportunityToWon: number | null;
}

export interface PipelineReport {
  from: CalendarDate | null;
  to: CalendarDate | null;
  timeZone: string;
  /** Open deals (not won or lost), whatever their dates. */
  open: { byStage: PipelineRow[]; byOwner: PipelineRow[]; byChannel: PipelineRow[]; totals: PipelineRow[] };
  /** Open deals by expected close month (`subKey` = forecast category) and by forecast category. */
  forecast: { byMonth: PipelineRow[]; byCategory: PipelineRow[] };
  /** Records created in the period. */
  funnel: Funnel;
  /** Deals closed in the period, per currency. */
  closed: ClosedSummary[];
  /** With `quotaPeriod`: each visible quota against what was won and the weighted open pipeline. */
  quotas: AttainmentRow[];
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const stageOrder = (stage: string | null) => OPPORTUNITY_STAGES.indexOf(stage as never);

/**
 * The manager's pipeline and forecast, aggregated in the database over the deals the actor may
 * see. Weighted amounts are Σ round(amount × probability / 100) per deal, in exact minor units.
 */
export async function pipeline(crm: Crm, actor: ActorRef, options: PipelineOptions = {}) {
  const period = parsePeriod(options);
  const timeZone = parseTimeZone(options.timeZone, crm.timeZone);
  const range = instantRange(period, timeZone);
  const quotas = options.quotaPeriod
    ? await quotaAttainment(crm, actor, { period: options.quotaPeriod })
    : [];
  return crm.runAs(actor, async (ctx): Promise<PipelineReport> => {
    const open = (by: PipelineGroupBy, thenBy?: PipelineGroupBy) =>
      openRows(ctx, by, thenBy).then((rows) => rows.map((r) => ({ ...r, label: labelOf(ctx, by, r.key) })));
    const byStage = (await open('stage')).sort((a, b) => stageOrder(a.key) - stageOrder(b.key));
    const counts = await ctx.tx.reports.funnelCounts(range, ctx.scope());
    const closed = await ctx.tx.reports.closedTotals(undefined, ctx.scope(), range, 'none');
    return {
      from: period.from,
      to: period.to,
      timeZone,
      open: {
        byStage,
        byOwner: await open('owner'),
        byChannel: await open('channel'),
        totals: totalsOf(byStage),
      },
      forecast: {
        byMonth: await open('expected_close_month', 'forecast_category'),
        byCategory: await open('forecast_category'),
      },
      funnel: {
        ...counts,
        leadToOpportunity: ratio(counts.convertedLeads, counts.leads),
        opportunityToWon: ratio(counts.wonOpportunities, counts.opportunities),
      },
      closed: closed.map((c) => ({
        currency: c.currency,
        won: c.won,
        lost: c.lost,
        winRate: ratio(c.won, c.won + c.lost),
        wonAmount: c.wonAmount,
        averageCycleDays: c.won > 0 ? c.wonCycleDays / c.won : null,
      })),
      quotas,
    };
  });
}

function openRows(ctx: CommandContext, by: PipelineGroupBy, thenBy?: PipelineGroupBy) {
  return ctx.tx.reports.pipelineTotals({ open: true }, ctx.scope(), by, thenBy);
}

function labelOf(ctx: CommandContext, by: PipelineGroupBy, key: string | null): string {
  if (key === null) return by === 'expected_close_month' ? 'no close date' : '—';
  return by === 'owner' ? ctx.userName(key) : key;
}

function totalsOf(rows: readonly PipelineRow[]): PipelineRow[] {
  const out = new Map<string, PipelineRow>();
  for (const r of rows) {
    const t = out.get(r.currency) ?? {
      key: null,
      subKey: null,
      label: 'total',
      currency: r.currency,
      count: 0,
      amount: 0,
      weighted: 0,
    };
    t.count += r.count;
    t.amount += r.amount;
    t.weighted += r.weighted;
    out.set(r.currency, t);
  }
  return [...out.values()];
}
