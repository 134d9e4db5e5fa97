export * from './fixtures.js';
export * from './fixtures-deals.js';
export * from './fixtures-work.js';
export type { ConformanceContext, ConformanceHarness, ConformanceTable } from './harness.js';
export { CONFORMANCE_TABLES } from './harness.js';
export { runStorageConformance } from './run-storage-conformance.js';
export { scopeAllowsRow, walkPages } from './scope-model.js';
