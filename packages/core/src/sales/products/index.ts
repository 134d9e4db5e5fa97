export * from './product.js';
export type { ProductCommands } from './product-commands.js';
