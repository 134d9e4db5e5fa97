export * from './desired-reminder.js';
export * from './local-time.js';
export * from './reconcile.js';
export * from './reminder.js';
export type { ReminderCommands } from './reminder-commands.js';
export * from './reminder-config.js';
export * from './reminder-dispatcher.js';
export * from './reminder-state.js';
export * from './stored-reminder.js';
