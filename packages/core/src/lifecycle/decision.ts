import { InvalidTransitionError } from '../kernel/errors.js';
import { type Message, message, renderBuiltIn, type Text } from '../kernel/message.js';
import type { LifecycleEffect } from './effects.js';

/**
 * The answer of every `decide*` function. A refusal is a value, not an exception, so a UI can
 * show the reason next to a disabled button; `assertDecision` turns it into an error when the
 * caller was sure the move was allowed.
 */
export type Decision<S extends string> =
  | { ok: true; from: S; to: S; effects: readonly LifecycleEffect[] }
  | {
      ok: false;
      from: S;
      event: string;
      /** The reason in English; render `reasonDetail` for the reader's language. */
      reason: string;
      /** The reason as a stable key with parameters, e.g. `opportunity.gate.presales`. */
      reasonDetail: Message;
      /** The id of the gate that refused, or null when no row allowed the move at all. */
      gate: string | null;
    };

export type Accepted<S extends string> = Extract<Decision<S>, { ok: true }>;
export type Refused<S extends string> = Extract<Decision<S>, { ok: false }>;

/** Returns an accepted decision unchanged; throws `InvalidTransitionError` for a refusal. */
export function assertDecision<S extends string>(d: Decision<S>): Accepted<S> {
  if (!d.ok) throw new InvalidTransitionError(d.from, d.event, d.reasonDetail);
  return d;
}

export function refused<S extends string>(
  from: S,
  event: string,
  reason: Text,
  gate: string | null = null,
): Refused<S> {
  const reasonDetail = typeof reason === 'string' ? message('lifecycle.refused', { reason }) : reason;
  return { ok: false, from, event, reason: renderBuiltIn(reasonDetail), reasonDetail, gate };
}
