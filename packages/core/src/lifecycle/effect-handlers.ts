import type { Instant } from '../kernel/time.js';
import type { LifecycleEffect, LifecycleEffectType } from './effects.js';

/**
 * What each effect sets on one kind of record. A complete table, not a partial one: a new effect
 * type is a compile error in every kind until that kind says what the effect means for it (often
 * nothing — an empty patch).
 */
export type EffectHandlers<T> = {
  readonly [K in LifecycleEffectType]: (
    effect: Extract<LifecycleEffect, { type: K }>,
    record: T,
    now: Instant,
  ) => Partial<T>;
};

/** The patch an accepted decision's effects make to a record, in the order the machine emitted them. */
export function patchFromEffects<T>(
  handlers: EffectHandlers<T>,
  record: T,
  effects: readonly LifecycleEffect[],
  now: Instant,
): Partial<T> {
  let patch: Partial<T> = {};
  for (const effect of effects) {
    const handle = handlers[effect.type] as (e: LifecycleEffect, record: T, now: Instant) => Partial<T>;
    patch = { ...patch, ...handle(effect, record, now) };
  }
  return patch;
}

/** For effects that change nothing on a kind of record (they still reach the history and the feed). */
export const noChange = (): Record<string, never> => ({});
