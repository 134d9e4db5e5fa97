export * from './config-commands.js';
export * from './tenant-config.js';
