export type { ExpectedVersionInput } from '../../domain/common.js';
export * from './order.js';
export * from './order-commands.js';
export * from './order-machine.js';
export * from './order-reminders.js';
