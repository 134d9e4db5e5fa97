export * from './migrate-pipeline.js';
export * from './opportunity.js';
export type { OpportunityCommands } from './opportunity-commands.js';
export * from './opportunity-machine.js';
export { OPPORTUNITY_MESSAGES } from './opportunity-messages.js';
export * from './opportunity-pipelines.js';
export * from './opportunity-reminders.js';
export * from './pipeline-config.js';
