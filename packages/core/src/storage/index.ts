export * from './config-store.js';
export * from './crm-storage.js';
export * from './import-ledger-store.js';
export * from './report-store.js';
export * from './repositories.js';
export * from './scope.js';
export * from './team-key.js';
export * from './writer-gap.js';
