import type { Message, Text } from '../kernel/message.js';
import type { LifecycleEffectType } from './effects.js';

/** The shape every lifecycle event shares; payloads (reason, to …) ride alongside `type`. */
export interface LifecycleEvent {
  readonly type: string;
}

/**
 * A named entry condition. It is data so the refusal reason travels with the check: when a gate
 * fails, its `reason` is what the salesperson reads.
 */
export interface Gate<F, E extends LifecycleEvent> {
  readonly id: string;
  readonly check: (facts: F, event: E) => boolean;
  /**
   * Why the move is refused when `check` fails, phrased for a salesperson: a message keyed by the
   * gate (`<machine>.gate.<id>`) so every locale can say it.
   */
  readonly reason: Message;
}

/**
 * One row of a machine's declared transition table. The xstate machine is compiled from these
 * rows, so the table the coverage test checks and the machine that runs cannot drift apart.
 */
export interface TransitionRow<S extends string, F, E extends LifecycleEvent> {
  readonly from: S;
  readonly event: E['type'];
  readonly to: S;
  /**
   * Chooses between rows sharing `from` and `event` (e.g. ADVANCE's `to`, a full versus a partial
   * shipment). Absent means the row always applies. A row that is chosen but fails a gate is
   * refused with that gate's reason; it does not fall through to later rows.
   */
  readonly when?: (facts: F, event: E) => boolean;
  /** Gate ids, checked in order; the first failing one gives the refusal reason. */
  readonly gates: readonly string[];
  readonly effects: readonly LifecycleEffectType[];
}

export interface MachineSpec<S extends string, F, E extends LifecycleEvent> {
  /** xstate machine id; also used in messages. */
  readonly id: string;
  readonly states: readonly S[];
  readonly initial: S;
  readonly events: readonly E['type'][];
  readonly gates: readonly Gate<F, E>[];
  readonly rows: readonly TransitionRow<S, F, E>[];
  /** Why `event` is refused from `from` when no row applies (wrong state, unknown target …). */
  readonly explain: (from: S, event: E, facts: F) => Text;
  /** Why a value that is not one of `states` cannot be advanced. */
  readonly unknownState: (value: string) => Text;
  /** Why an event type the machine does not know is refused. */
  readonly unknownEvent: (type: string) => Text;
}

/** True for a string with something other than whitespace in it (reasons, resolutions). */
export function hasText(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}
