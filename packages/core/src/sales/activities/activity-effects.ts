import { type EffectHandlers, noChange } from '../../lifecycle/effect-handlers.js';
import type { Activity } from './activity.js';

/** What the activity machine's effects set on the activity; outcome and reasons are the command's input. */
export const ACTIVITY_EFFECTS: EffectHandlers<Activity> = {
  frozen: noChange,
  cancelled: noChange,
  stageEntered: noChange,
  closedWon: noChange,
  closedLost: noChange,
  reopened: noChange,
  followUpReset: noChange,
  converted: noChange,
  disqualified: noChange,
  resolved: noChange,
};
