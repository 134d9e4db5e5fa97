export * from './accounts.suite.js';
export * from './activities.suite.js';
export * from './costs.suite.js';
export * from './harness.js';
export * from './orders.suite.js';
export * from './ownership.suite.js';
