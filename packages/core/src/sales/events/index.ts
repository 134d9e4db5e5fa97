export * from './domain-event.js';
export type { EventCommands, EventPage, EventsSinceOptions } from './event-commands.js';
export { eventsSinceOptions } from './event-commands.js';
export * from './event-dispatcher.js';
export * from './events-of-change.js';
export * from './webhook-handler.js';
