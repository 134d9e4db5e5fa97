import { type EffectHandlers, noChange } from '../../lifecycle/effect-handlers.js';
import type { Opportunity } from './opportunity.js';
import { stageFields } from './opportunity-rules.js';

/** What the opportunity machine's effects set on the deal: a stage brings its probability and forecast. */
export const OPPORTUNITY_EFFECTS: EffectHandlers<Opportunity> = {
  stageEntered: (e, opp, now) => stageFields(opp, e.stage, now),
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
