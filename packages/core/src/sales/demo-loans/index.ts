export * from './demo-loan.js';
export type { DemoLoanCommands } from './demo-loan-commands.js';
export * from './demo-loan-reminders.js';
