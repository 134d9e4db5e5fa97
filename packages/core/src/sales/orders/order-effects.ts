import { type EffectHandlers, noChange } from '../../lifecycle/effect-handlers.js';
import type { Order } from './order.js';

/** What the order machine's effects set on the order. */
export const ORDER_EFFECTS: EffectHandlers<Order> = {
  cancelled: (e) => ({ cancelReason: e.reason }),
  frozen: noChange,
  stageEntered: noChange,
  closedWon: noChange,
  closedLost: noChange,
  reopened: noChange,
  followUpReset: noChange,
  converted: noChange,
  disqualified: noChange,
  resolved: noChange,
};
