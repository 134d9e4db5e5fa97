export * from './actor.js';
export type { CommandContext } from './context.js';
export * from './create-crm.js';
export { ENTITY, type EntityKind } from './entities.js';
export { scanAll } from './scan-all.js';
