export * from './access/index.js';
export * from './domain/index.js';
export * from './kernel/index.js';
export * from './lifecycle/index.js';
export * from './reminders/index.js';
export * from './service/index.js';
export * from './storage/index.js';
