import { type EffectHandlers, noChange } from '../../lifecycle/effect-handlers.js';
import type { ServiceCase } from './service-case.js';

/** What the service-case machine's effects set on the case; a reopened case's old resolution stays in history. */
export const SERVICE_CASE_EFFECTS: EffectHandlers<ServiceCase> = {
  resolved: (e, _r, now) => ({ resolution: e.resolution, resolvedAt: now }),
  reopened: () => ({ resolution: null, resolvedAt: null }),
  frozen: noChange,
  stageEntered: noChange,
  closedWon: noChange,
  closedLost: noChange,
  followUpReset: noChange,
  converted: noChange,
  disqualified: noChange,
  cancelled: noChange,
};
