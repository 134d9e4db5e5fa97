import type { CostFilter, OpportunityFilter, Range } from './repositories.js';
import type { RowScope } from './scope.js';

/**
 * What cost totals can be grouped by:
 * - `opportunity`, `account`: the deal or customer the cost is booked against (null key: not booked there);
 * - `incurred_by`: the person who spent it;
 * - `channel`: the spender's sales channel (their team's line of business);
 * - `team`: the spender's manager (one row per sales team);
 * - `category`: travel, entertainment, samples and demo units, bid fees …;
 * - `month`: `YYYY-MM` of the day it was incurred.
 */
export type CostGroupBy =
  | 'opportunity'
  | 'account'
  | 'incurred_by'
  | 'channel'
  | 'team'
  | 'category'
  | 'month';

/** What pipeline totals can be grouped by; `expected_close_month` is `YYYY-MM` or null when unset. */
export type PipelineGroupBy = 'stage' | 'owner' | 'channel' | 'expected_close_month' | 'forecast_category';

/** What closed deals can be grouped by (`none`: one row per currency, key `all`). */
export type ClosedGroupBy = 'none' | 'opportunity' | 'account' | 'owner' | 'channel';

/**
 * Closed deals bucketed by when they closed, cut at sorted instants: key `i` (as text) holds
 * closedAt in [bounds[i-1], bounds[i]), key `0` everything before bounds[0] and key `n`
 * everything from bounds[n-1] on. Local months (or any calendar) are cut by the caller, who
 * knows the time zone, so one statement serves every month exactly, DST included.
 */
export interface ClosedBuckets {
  bounds: readonly string[];
}

/** One group of a money aggregate. Money never mixes currencies, so a group is (key, currency). */
export interface MoneyGroupRow {
  /** The group's value (an id, a category, a month …); null for rows without one. */
  key: string | null;
  currency: string;
  count: number;
  /** Exact sum in minor units. */
  amount: number;
}

export interface PipelineGroupRow extends MoneyGroupRow {
  /** The second grouping's value when `thenBy` was given (e.g. forecast category within a month), else null. */
  subKey: string | null;
  /** Σ round(amount × probability / 100) per deal, half up, in minor units: exact and reproducible. */
  weighted: number;
}

export interface ClosedGroupRow {
  key: string | null;
  currency: string;
  won: number;
  lost: number;
  /** Exact Σ of the won deals' amounts, minor units. */
  wonAmount: number;
  /** Σ over won deals of (closedAt − createdAt) in days (fractional); divide by `won` for the average. */
  wonCycleDays: number;
}

/** Record counts of the funnel lead → opportunity → order, of records created in the range. */
export interface FunnelCounts {
  leads: number;
  convertedLeads: number;
  opportunities: number;
  wonOpportunities: number;
  orders: number;
}

/**
 * Aggregations for `@gongfu/reports`, run in the database (GROUP BY), never by loading rows.
 *
 * Contract:
 * - Every method MUST confine itself to the transaction's tenant and MUST apply `scope` exactly as
 *   `RecordStore.list` does, so a total never includes a row the actor may not see.
 * - `where` takes the same filters as the record store of that kind, with the same meaning.
 * - Money sums MUST be exact integers (minor units), grouped by currency as well as by the key.
 * - Rows come back sorted by key (nulls last), then subKey, then currency.
 */
export interface ReportStore {
  costTotals(where: CostFilter | undefined, scope: RowScope, groupBy: CostGroupBy): Promise<MoneyGroupRow[]>;
  /** Deals matching `where` (e.g. `{ open: true }` for the open pipeline), optionally grouped twice. */
  pipelineTotals(
    where: OpportunityFilter | undefined,
    scope: RowScope,
    groupBy: PipelineGroupBy,
    thenBy?: PipelineGroupBy,
  ): Promise<PipelineGroupRow[]>;
  /** Deals closed (won or lost) with `closedAt` in `closed` ([from, to)); released duplicates left out. */
  closedTotals(
    where: OpportunityFilter | undefined,
    scope: RowScope,
    closed: Range,
    groupBy: ClosedGroupBy | ClosedBuckets,
  ): Promise<ClosedGroupRow[]>;
  /** Records created in `created` ([from, to)); leads that converted, deals that were won (not duplicates). */
  funnelCounts(created: Range, scope: RowScope): Promise<FunnelCounts>;
}
