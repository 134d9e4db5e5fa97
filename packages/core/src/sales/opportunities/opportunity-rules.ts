/** Pure rules on a deal: its amount follows its lines, its probability and forecast follow its stage. */
import { ValidationError } from '../../kernel/errors.js';
import type { Money } from '../../kernel/money.js';
import type { Instant } from '../../kernel/time.js';
import type { LineItem, Opportunity } from './opportunity.js';
import { stageInfo } from './opportunity-pipelines.js';
import { type ResolvedPipeline, stageOf } from './pipeline-config.js';

/** The deal amount: the sum of its lines, exact in minor units; a line in another currency is refused. */
export function sumLines(lines: readonly LineItem[], currency: string): Money {
  let amount = 0;
  for (const line of lines) {
    if (line.unitPrice.currency !== currency) {
      throw new ValidationError([
        {
          field: 'lines',
          message: `line ${line.sku} is in ${line.unitPrice.currency}, the deal in ${currency}`,
        },
      ]);
    }
    amount += line.unitPrice.amount * line.quantity;
  }
  return { amount, currency };
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
      { field: 'stage', message: `${stage} is not a stage of the ${opp.channel} pipeline` },
    ]);
  return {
    stage,
    probability: info.probability,
    forecastCategory: info.forecastCategory,
    stageEnteredAt: now,
    closedAt: info.kind === 'open' ? null : now,
  };
}
