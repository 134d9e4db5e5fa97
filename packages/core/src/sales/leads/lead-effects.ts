import { type EffectHandlers, noChange } from '../../lifecycle/effect-handlers.js';
import type { Lead } from './lead.js';

/** What the lead machine's effects set on the lead; the contact time itself is the command's change. */
export const LEAD_EFFECTS: EffectHandlers<Lead> = {
  followUpReset: noChange,
  converted: (_e, _r, now) => ({ convertedAt: now }),
  disqualified: (e) => ({ disqualifyReason: e.reason }),
  frozen: noChange,
  stageEntered: noChange,
  closedWon: noChange,
  closedLost: noChange,
  reopened: noChange,
  cancelled: noChange,
  resolved: noChange,
};
