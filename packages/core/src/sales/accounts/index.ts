export * from './account.js';
export type { AccountCommands } from './account-commands.js';
export * from './contact.js';
export type { ContactCommands } from './contact-commands.js';
export * from './timeline.js';
