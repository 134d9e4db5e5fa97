// The conformance suite's own exports are added by its author below this line.
export * from './conformance/index.js';
export * from './service/index.js';
