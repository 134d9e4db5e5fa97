export * from './authorize-transfer.js';
export type { OwnershipCommands, TransferResult } from './ownership-commands.js';
export { OWNERSHIP_MESSAGES } from './ownership-messages.js';
export * from './plan-transfer.js';
export * from './transfer-schema.js';
