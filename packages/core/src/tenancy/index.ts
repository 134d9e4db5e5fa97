export * from './tenant.js';
export * from './tenant-admin.js';
export {
  type ParsedTenantExport,
  parseTenantExport,
  TENANT_EXPORT_FORMAT,
  TENANT_EXPORT_VERSION,
  type TenantExportHeader,
  type TenantExportLines,
} from './tenant-export-format.js';
export { TenantImportingError } from './tenant-importing-error.js';
export { sayTenant, TENANT_MESSAGES } from './tenant-messages.js';
