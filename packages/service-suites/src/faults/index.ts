// The pieces of the fault suites that run outside vitest too (the crash test's child process).
export * from '../support/fault-injection.js';
export * from '../support/harness.js';
export * from './command-calls.js';
export * from './command-fixtures.js';
export * from './tenant-rows.js';
