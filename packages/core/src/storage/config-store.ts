import type { Instant } from '../kernel/time.js';

/** One version of a tenant's configuration, as stored: versions start at 1 and never change. */
export interface StoredTenantConfig {
  version: number;
  /** The configuration document (`TenantConfig`), as the service validated it. */
  config: unknown;
  createdAt: Instant;
  createdBy: string;
}

/**
 * The tenant's configuration history, append-only, within the transaction's tenant.
 * - `latest` returns the highest version, or null when the tenant never changed the defaults.
 * - `get` returns one version, or null.
 * - `list` returns every version, newest first.
 * - `append` MUST throw ConflictError when the version already exists (two admins saving at once:
 *   one wins, the other is told), and MUST NOT change an existing version. An append MUST move
 *   the org stamp (`OrgStamp`), which the service's configuration cache is keyed by.
 */
export interface ConfigStore {
  latest(): Promise<StoredTenantConfig | null>;
  get(version: number): Promise<StoredTenantConfig | null>;
  list(): Promise<StoredTenantConfig[]>;
  append(entry: StoredTenantConfig): Promise<void>;
}
