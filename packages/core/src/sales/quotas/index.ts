export * from './quota.js';
export type { QuotaCommands } from './quota-commands.js';
export * from './quota-period.js';
