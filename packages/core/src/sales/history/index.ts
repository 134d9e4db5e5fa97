export * from './history.js';
export type { HistoryCommands } from './history-commands.js';
export * from './history-labels.js';
