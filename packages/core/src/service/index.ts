export * from './actor.js';
export type { CommandContext } from './context.js';
export * from './convert-lead.js';
export * from './create-crm.js';
export { ENTITY, type EntityKind } from './entities.js';
export * from './reminder-dispatcher.js';
export * from './tenant-admin.js';
