export * from './service-case.js';
export * from './service-case-commands.js';
export * from './service-case-machine.js';
