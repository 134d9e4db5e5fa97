export * from './cost.js';
export type { CostCommands } from './cost-commands.js';
