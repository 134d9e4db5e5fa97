import { InvalidTransitionError } from '../kernel/errors.js';
import type { LifecycleEffect } from './effects.js';

/**
 * The answer of every `decide*` function. A refusal is a value, not an exception, so a UI can
 * show the reason next to a disabled button; `assertDecision` turns it into an error when the
 * caller was sure the move was allowed.
 */
export type Decision<S extends string> =
  | { ok: true; from: S; to: S; effects: readonly LifecycleEffect[] }
  | { ok: false; from: S; event: string; reason: string };

export type Accepted<S extends string> = Extract<Decision<S>, { ok: true }>;
export type Refused<S extends string> = Extract<Decision<S>, { ok: false }>;

/** Returns an accepted decision unchanged; throws `InvalidTransitionError` for a refusal. */
export function assertDecision<S extends string>(d: Decision<S>): Accepted<S> {
  if (!d.ok) throw new InvalidTransitionError(d.from, d.event, d.reason);
  return d;
}

export function refused<S extends string>(from: S, event: string, reason: string): Refused<S> {
  return { ok: false, from, event, reason };
}
