export * from './product.js';
export * from './product-commands.js';
