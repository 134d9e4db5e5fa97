export * from './authorize-transfer.js';
export * from './ownership-commands.js';
export * from './plan-transfer.js';
export * from './transfer-schema.js';
