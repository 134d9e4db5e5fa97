// The lifecycle engine: a declared transition table compiled into an xstate machine, decided purely.
// Each area's machine lives beside its area (e.g. sales/leads/lead-machine.ts).
export type { Accepted, Decision, Refused } from './decision.js';
export { assertDecision } from './decision.js';
export type { LifecycleEffect, LifecycleEffectType } from './effects.js';
export { LIFECYCLE_EFFECT_TYPES } from './effects.js';
export * from './lifecycle-diagram.js';
export type { Gate, LifecycleEvent, TransitionRow } from './machine-spec.js';
