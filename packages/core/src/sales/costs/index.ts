export * from './cost.js';
export * from './cost-commands.js';
