export {
  COST_ROLLUP_BY,
  type CostRollup,
  type CostRollupBy,
  type CostRollupOptions,
  type CostRollupRow,
  costRollup,
} from './costs/cost-rollup.js';
export * from './duplicates/entities/index.js';
export * from './duplicates/index.js';
export {
  type ClosedSummary,
  type Funnel,
  type PipelineOptions,
  type PipelineReport,
  type PipelineRow,
  pipeline,
} from './pipeline/pipeline-report.js';
export {
  type AttainmentOptions,
  type AttainmentRow,
  BOOKED_ORDER_STATUSES,
  quotaAttainment,
} from './quotas/quota-attainment.js';
export {
  type ConflictingQuote,
  type QuoteConflict,
  type QuoteConflictOptions,
  quoteConflicts,
} from './quotes/quote-conflicts.js';
export {
  type DuplicateFinder,
  type DuplicatePairLike,
  type MorningReviewOptions,
  morningReview,
} from './review/morning-review.js';
export type * from './review/review-types.js';
export { REPORT_MESSAGES } from './shared/report-messages.js';
