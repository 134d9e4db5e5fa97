export * from './duplicate.js';
export type { DuplicateCommands } from './duplicate-commands.js';
