export type { AccessCommands } from './access-commands.js';
