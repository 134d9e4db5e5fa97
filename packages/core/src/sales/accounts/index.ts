export * from './account.js';
export * from './account-commands.js';
export * from './contact.js';
export * from './contact-commands.js';
