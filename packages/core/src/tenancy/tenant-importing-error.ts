import { ConflictError } from '../kernel/errors.js';
import { sayTenant } from './tenant-messages.js';

/**
 * A command or read for a tenant whose import has not finished (`TenantStore.importRows` writes it
 * in many short transactions and clears the mark last), or whose failed import is being removed:
 * its data is incomplete, so nothing reads or writes it until then. A ConflictError (HTTP 409) with
 * entity `tenant`, recognisable by its name and `tenant`; retry after the import.
 */
export class TenantImportingError extends ConflictError {
  readonly tenant: string;

  constructor(tenant: string) {
    super('tenant', sayTenant('tenant.importing', { tenant }));
    this.name = 'TenantImportingError';
    this.tenant = tenant;
  }
}
