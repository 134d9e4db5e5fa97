import { match, P } from 'ts-pattern';
import type { Message } from '../../kernel/message.js';
import { compileMachine } from '../../lifecycle/compile-machine.js';
import type { Decision } from '../../lifecycle/decision.js';
import { eventText } from '../../lifecycle/effects.js';
import { type Gate, hasText, type TransitionRow } from '../../lifecycle/machine-spec.js';
import { sayOrder as say } from './order-messages.js';

export const ORDER_STATUSES = [
  'draft',
  'confirmed',
  'partially_shipped',
  'shipped',
  'delivered',
  'closed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type OrderEvent =
  | { type: 'CONFIRM' }
  /** A shipment was recorded; the facts already include it. */
  | { type: 'SHIP' }
  | { type: 'DELIVER' }
  | { type: 'CLOSE' }
  | { type: 'CANCEL'; reason: string };
export type OrderEventType = OrderEvent['type'];
export const ORDER_EVENT_TYPES = [
  'CONFIRM',
  'SHIP',
  'DELIVER',
  'CLOSE',
  'CANCEL',
] as const satisfies readonly OrderEventType[];

export interface OrderFacts {
  lineCount: number;
  /** Units shipped so far, counting the shipment being decided. */
  shippedQuantity: number;
  totalQuantity: number;
}

export function isOrderTerminal(status: OrderStatus): boolean {
  return status === 'closed' || status === 'cancelled';
}

export function isOrderOpen(status: OrderStatus): boolean {
  return !isOrderTerminal(status);
}

export const ORDER_GATES: readonly Gate<OrderFacts, OrderEvent>[] = [
  {
    id: 'hasLines',
    check: (f) => f.lineCount >= 1,
    reason: say('order.gate.hasLines'),
  },
  { id: 'hasQuantity', check: (f) => f.totalQuantity > 0, reason: say('order.gate.hasQuantity') },
  {
    id: 'notOverShipped',
    check: (f) => f.shippedQuantity <= f.totalQuantity,
    reason: say('order.gate.notOverShipped'),
  },
  {
    id: 'somethingShipped',
    check: (f) => f.shippedQuantity > 0,
    reason: say('order.gate.somethingShipped'),
  },
  {
    id: 'allShipped',
    check: (f) => f.totalQuantity > 0 && f.shippedQuantity === f.totalQuantity,
    reason: say('order.gate.allShipped'),
  },
  {
    id: 'cancelReason',
    check: (_, e) => hasText(eventText(e, 'reason')),
    reason: say('order.gate.cancelReason'),
  },
];

type Row = TransitionRow<OrderStatus, OrderFacts, OrderEvent>;
const shipsRest = (f: OrderFacts) => f.shippedQuantity >= f.totalQuantity;

/**
 * SHIP picks its target from the facts: a shipment that leaves nothing outstanding goes to
 * shipped, anything less to partially_shipped. Over-shipping falls in the first row so it is
 * refused with the over-shipping reason, not routed elsewhere.
 */
const ship = (from: OrderStatus): Row[] => [
  {
    from,
    event: 'SHIP',
    to: 'shipped',
    when: shipsRest,
    gates: ['hasQuantity', 'notOverShipped'],
    effects: [],
  },
  { from, event: 'SHIP', to: 'partially_shipped', gates: ['somethingShipped'], effects: [] },
];
const cancel = (from: OrderStatus): Row => ({
  from,
  event: 'CANCEL',
  to: 'cancelled',
  gates: ['cancelReason'],
  effects: ['cancelled', 'frozen'],
});

export const ORDER_TRANSITIONS: readonly Row[] = [
  { from: 'draft', event: 'CONFIRM', to: 'confirmed', gates: ['hasLines'], effects: [] },
  cancel('draft'),
  ...ship('confirmed'),
  cancel('confirmed'),
  ...ship('partially_shipped'),
  cancel('partially_shipped'),
  { from: 'shipped', event: 'DELIVER', to: 'delivered', gates: ['allShipped'], effects: [] },
  cancel('shipped'),
  { from: 'delivered', event: 'CLOSE', to: 'closed', gates: [], effects: ['frozen'] },
];

function explain(from: OrderStatus, event: OrderEvent): Message {
  return match({ from, type: event.type })
    .with({ from: 'closed' }, () => say('order.refused.closed'))
    .with({ from: 'cancelled' }, () => say('order.refused.cancelled'))
    .with({ from: 'delivered', type: 'CANCEL' }, () => say('order.refused.delivered'))
    .with({ type: 'CONFIRM' }, () => say('order.refused.alreadyConfirmed'))
    .with({ from: 'draft', type: P.union('SHIP', 'DELIVER') }, () => say('order.refused.confirmFirst'))
    .with({ type: 'SHIP' }, () => say('order.refused.allShipped'))
    .with({ from: 'confirmed', type: 'DELIVER' }, () => say('order.refused.nothingShipped'))
    .with({ from: 'partially_shipped', type: 'DELIVER' }, () => say('order.refused.partlyShipped'))
    .with({ type: 'DELIVER' }, () => say('order.refused.alreadyDelivered'))
    .otherwise(() => say('order.refused.closeAfterDelivery'));
}

const order = compileMachine<OrderStatus, OrderFacts, OrderEvent>({
  id: 'order',
  states: ORDER_STATUSES,
  initial: 'draft',
  events: ORDER_EVENT_TYPES,
  gates: ORDER_GATES,
  rows: ORDER_TRANSITIONS,
  explain,
  unknownState: (value) => say('order.refused.unknownStatus', { value }),
  unknownEvent: (type) => say('order.refused.unknownEvent', { type }),
});

export const orderMachine = order.machine;

export function decideOrder(
  status: OrderStatus,
  facts: OrderFacts,
  event: OrderEvent,
): Decision<OrderStatus> {
  return order.decide(status, facts, event);
}
