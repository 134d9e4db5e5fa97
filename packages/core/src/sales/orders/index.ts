export type { ExpectedVersionInput } from '../../domain/common.js';
export * from './order.js';
export type { OrderCommands } from './order-commands.js';
export * from './order-machine.js';
export { ORDER_MESSAGES } from './order-messages.js';
export * from './order-reminders.js';
