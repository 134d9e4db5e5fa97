export * from './errors.js';
export * from './input-guard.js';
export { INPUT_MESSAGES, zodMessage } from './input-messages.js';
export { bilingual, KERNEL_MESSAGES } from './kernel-messages.js';
export * from './message.js';
export * from './money.js';
export * from './ports.js';
export * from './time.js';
export * from './validate.js';
