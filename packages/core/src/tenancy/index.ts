export * from './tenant.js';
export * from './tenant-admin.js';
export * from './tenant-export-format.js';
