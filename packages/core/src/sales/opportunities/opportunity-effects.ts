import { type EffectHandlers, noChange } from '../../lifecycle/effect-handlers.js';
import type { Opportunity } from './opportunity.js';
import { stageFields } from './opportunity-rules.js';
import type { ResolvedPipeline } from './pipeline-config.js';

/**
 * What the opportunity machine's effects set on the deal: a stage brings its probability and
 * forecast, read from the deal's pipeline (the built-in template of its channel when none is given).
 */
export function opportunityEffectsFor(pipeline?: ResolvedPipeline): EffectHandlers<Opportunity> {
  return {
    stageEntered: (e, opp, now) => stageFields(opp, e.stage, now, pipeline),
    closedWon: noChange,
    closedLost: (e) => ({ lostReason: e.reason }),
    reopened: () => ({ lostReason: null }),
    followUpReset: noChange,
    converted: noChange,
    disqualified: noChange,
    frozen: noChange,
    cancelled: noChange,
    resolved: noChange,
  };
}

export const OPPORTUNITY_EFFECTS: EffectHandlers<Opportunity> = opportunityEffectsFor();
