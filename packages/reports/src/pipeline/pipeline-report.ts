import {
  type ActorRef,
  type CalendarDate,
  type CommandContext,
  type Crm,
  channelName,
  forecastCategorySchema,
  OPPORTUNITY_STAGES,
  type PipelineGroupBy,
  type PipelineGroupRow,
  stageName,
} from '@gongfu/core';
import { type AttainmentRow, quotaAttainment } from '../quotas/quota-attainment.js';
import { instantRange, type Period, parsePeriod, parseTimeZone } from '../shared/period.js';
import { sayReport } from '../shared/report-messages.js';

export interface PipelineOptions extends Period {
  /** Zone of the period's days; the CRM's zone by default. */
  timeZone?: string;
  /** A quota period (`2026-Q1`, `2026-03`, `2026`) to set the forecast against; none by default. */
  quotaPeriod?: string;
}

export interface PipelineRow extends PipelineGroupRow {
  /** What the key means to a reader, in the call's language: a stage's or channel's name, a person. */
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

/**
 * Stages in pipeline order: the workspace's pipelines as configured (channel by channel), then
 * Gongfu's own stage ids (a deal still on an older pipeline version), then any other id.
 */
function stageOrder(ctx: CommandContext): (stage: string | null) => number {
  const order = new Map<string, number>();
  for (const stages of Object.values(ctx.config.pipelines))
    for (const s of stages) if (!order.has(s.id)) order.set(s.id, order.size);
  for (const id of OPPORTUNITY_STAGES) if (!order.has(id)) order.set(id, order.size);
  return (stage) => (stage === null ? order.size + 1 : (order.get(stage) ?? order.size));
}

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
    const rank = stageOrder(ctx);
    const byStage = (await open('stage')).sort((a, b) => rank(a.key) - rank(b.key));
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
        totals: totalsOf(byStage, ctx.say(sayReport('report.label.total'))),
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
  if (key === null)
    return by === 'expected_close_month' ? ctx.say(sayReport('report.label.noCloseDate')) : '—';
  switch (by) {
    case 'owner':
      return ctx.userName(key);
    case 'stage':
      return sayText(ctx, stageName(key, stageLabelOf(ctx, key)));
    case 'channel':
      return sayText(ctx, channelName(key));
    case 'forecast_category':
      return forecastCategorySchema.safeParse(key).success
        ? ctx.say(sayReport(`report.label.forecast.${key}` as 'report.label.forecast.pipeline'))
        : key;
    default:
      return key; // a month, 2026-03
  }
}

/** The stage's label in the workspace's pipelines (a tenant's words), when one of them has it. */
function stageLabelOf(ctx: CommandContext, id: string) {
  for (const stages of Object.values(ctx.config.pipelines)) {
    const stage = stages.find((s) => s.id === id);
    if (stage) return stage.label;
  }
  return undefined;
}

const sayText = (ctx: CommandContext, text: ReturnType<typeof channelName>) =>
  typeof text === 'string' ? text : ctx.say(text);

function totalsOf(rows: readonly PipelineRow[], label: string): PipelineRow[] {
  const out = new Map<string, PipelineRow>();
  for (const r of rows) {
    const t = out.get(r.currency) ?? {
      key: null,
      subKey: null,
      label,
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
