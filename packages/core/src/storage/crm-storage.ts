import type { Tenant } from '../domain/tenant.js';
import type { Repositories } from './repositories.js';

/**
 * Everything a transaction can touch, bound to one tenant. It deliberately has no `transaction`
 * member: transactions cannot nest, so every read and write of a command goes through one handle.
 */
export interface StorageTx extends Repositories {
  readonly tenantId: string;
}

export interface TransactionOptions {
  /** The tenant every statement of the transaction is confined to. */
  tenantId: string;
}

/**
 * The storage port of Gongfu. Implementations: `@gongfu/storage-sqlite`, `@gongfu/storage-postgres`.
 *
 * Contract:
 * - `transaction` MUST run `fn` in one database transaction that is a write transaction from its
 *   first statement (SQLite `BEGIN IMMEDIATE`; PostgreSQL READ COMMITTED with compare-and-set
 *   updates), commit when `fn` resolves, and roll back everything when it throws — nothing
 *   half-written survives. The error `fn` threw is rethrown unchanged; driver errors are wrapped
 *   in StorageError (unique-key violations in ConflictError).
 * - Every statement inside MUST be confined to `tenantId`; no read returns another tenant's row.
 * - `read` runs `fn` in a read-only snapshot where the engine offers one.
 */
export interface CrmStorage {
  readonly engine: 'sqlite' | 'postgres';
  transaction<T>(options: TransactionOptions, fn: (tx: StorageTx) => Promise<T>): Promise<T>;
  read<T>(options: TransactionOptions, fn: (tx: StorageTx) => Promise<T>): Promise<T>;
  tenants: TenantStore;
  /** Apply pending migrations; idempotent, safe to call from several servers at once. */
  migrateToLatest(): Promise<void>;
  close(): Promise<void>;
}

export interface TenantStore {
  get(id: string): Promise<Tenant | null>;
  /** MUST throw ConflictError when the id exists. */
  create(tenant: Tenant): Promise<void>;
  list(): Promise<Tenant[]>;
  /** Remove the tenant and every row it owns, in one transaction. */
  delete(id: string): Promise<void>;
}
