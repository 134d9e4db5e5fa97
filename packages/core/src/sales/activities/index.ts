export * from './activity.js';
export type { ActivityCommands } from './activity-commands.js';
export * from './activity-machine.js';
export { ACTIVITY_MESSAGES } from './activity-messages.js';
export { regardingLabel } from './activity-regarding-label.js';
export * from './activity-reminders.js';
export * from './calendar-range.js';
