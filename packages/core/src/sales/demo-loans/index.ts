export * from './demo-loan.js';
export * from './demo-loan-commands.js';
export * from './demo-loan-reminders.js';
