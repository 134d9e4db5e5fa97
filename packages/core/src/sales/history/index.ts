export * from './history.js';
export * from './history-commands.js';
