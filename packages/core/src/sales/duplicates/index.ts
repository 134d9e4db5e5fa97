export * from './duplicate.js';
export * from './duplicate-commands.js';
