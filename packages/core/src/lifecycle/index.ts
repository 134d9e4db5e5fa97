// Public API of the lifecycle machines. Internals (the table compiler, spec types) stay private.

export * from './activity.js';
export type { Accepted, Decision, Refused } from './decision.js';
export { assertDecision } from './decision.js';
export type { LifecycleEffect, LifecycleEffectType } from './effects.js';
export { LIFECYCLE_EFFECT_TYPES } from './effects.js';
export * from './lead.js';
export type { Gate, LifecycleEvent, TransitionRow } from './machine-spec.js';
export * from './opportunity.js';
export * from './opportunity-pipelines.js';
export * from './order.js';
export * from './persistence.js';
export * from './registry.js';
export * from './service-case.js';
