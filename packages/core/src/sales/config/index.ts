export * from './config-commands.js';
export * from './config-messages.js';
export * from './tenant-config.js';
export * from './vocabulary.js';
