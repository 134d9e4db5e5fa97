export { type ActorRef, SYSTEM_ACTOR_ID, systemActor } from './actor.js';
export type { CallOptions } from './call-options.js';
export type { CommandContext } from './context.js';
export * from './create-crm.js';
export type { Crm } from './crm.js';
// The record kinds, for report packages that load and authorize records through `crm.runAs`.
export { ENTITY } from './entities.js';
export type { EntityKind, LifecycleKind } from './entity-kind.js';
export { scanAll } from './scan-all.js';
