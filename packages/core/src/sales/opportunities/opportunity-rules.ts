/** Pure rules on a deal: its amount follows its lines, its probability and forecast follow its stage. */
import { fieldIssue, ValidationError } from '../../kernel/errors.js';
import { type Money, sumLineAmounts } from '../../kernel/money.js';
import type { Instant } from '../../kernel/time.js';
import type { LineItem, Opportunity } from './opportunity.js';
import { pipelineTitle, sayOpportunity } from './opportunity-messages.js';
import { stageInfo } from './opportunity-pipelines.js';
import { type ResolvedPipeline, stageOf } from './pipeline-config.js';

/** The deal amount: the sum of its lines, exact in minor units; a line in another currency is refused. */
export function sumLines(lines: readonly LineItem[], currency: string): Money {
  return sumLineAmounts(lines, currency, 'deal');
}

/** The deal with its lines replaced and the amount recomputed from them. */
export function withLines(
  opp: Pick<Opportunity, 'currency'>,
  lines: LineItem[],
): Pick<Opportunity, 'lines' | 'amount'> {
  return { lines, amount: sumLines(lines, opp.currency) };
}

/**
 * Probability, forecast and the stage clock follow the stage the deal enters, as the deal's
 * pipeline defines it (the channel's built-in template when none is given).
 */
export function stageFields(
  opp: Pick<Opportunity, 'channel'>,
  stage: string,
  now: Instant,
  pipeline?: ResolvedPipeline,
): Pick<Opportunity, 'stage' | 'probability' | 'forecastCategory' | 'stageEnteredAt' | 'closedAt'> {
  const info = pipeline ? stageOf(pipeline, stage) : stageInfo(opp.channel, stage);
  if (!info)
    throw new ValidationError([
      fieldIssue(
        'stage',
        sayOpportunity('opportunity.invalid.notAStage', { stage, pipeline: pipelineTitle(opp.channel) }),
      ),
    ]);
  return {
    stage,
    probability: info.probability,
    forecastCategory: info.forecastCategory,
    stageEnteredAt: now,
    closedAt: info.kind === 'open' ? null : now,
  };
}
