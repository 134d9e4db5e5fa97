export type { ExpectedVersionInput } from '../../domain/common.js';
export * from './service-case.js';
export type { ServiceCaseCommands } from './service-case-commands.js';
export * from './service-case-machine.js';
export { SERVICE_CASE_MESSAGES } from './service-case-messages.js';
