export type { ConversionResult } from './convert-lead.js';
export * from './lead.js';
export type { LeadCommands } from './lead-commands.js';
export * from './lead-machine.js';
export { LEAD_MESSAGES } from './lead-messages.js';
export * from './lead-reminders.js';
