export * from './history-commands.js';
