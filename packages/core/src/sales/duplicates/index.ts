export * from './duplicate-commands.js';
