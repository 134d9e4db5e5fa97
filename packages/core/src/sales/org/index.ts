export { ORG_MESSAGES } from './org-messages.js';
export * from './user.js';
export type { UserCommands } from './user-commands.js';
export * from './user-management.js';
