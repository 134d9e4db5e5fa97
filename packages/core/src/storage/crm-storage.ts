import type { Tenant } from '../tenancy/tenant.js';
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
  /** Every table holding tenant rows, in export order (named in an export's header). */
  readonly ownedTables: readonly string[];
  /**
   * Every row the tenant owns, engine-neutral (instants as canonical ISO strings, dates as
   * `YYYY-MM-DD`, money and counts as numbers, booleans, JSON columns as values; no `tenant_id`),
   * read in one snapshot, tables in a fixed order and rows sorted by primary key — two exports of
   * equal data are equal on any engine. MUST throw NotFoundError when the tenant does not exist.
   */
  exportRows(id: string): AsyncIterable<TenantRow>;
  /**
   * Insert exported rows under `tenant.id`, creating the tenant row when it does not exist.
   * All-or-nothing as users see it, yet in short transactions, so commands of other tenants go on
   * (SQLite's write lock is held for one batch at a time):
   * - the tenant is marked importing first: `get` and `list` do not return it until a final short
   *   transaction clears the mark, after the last row;
   * - a failure (a bad row, a failing source, a refused write) deletes the rows written, in short
   *   batches, and the tenant row if the import created it, then rethrows;
   * - a stopped import (a crash, a kill) leaves the mark and the count of rows committed: importing
   *   the same export again (same `options.source`) continues after them; another export is refused
   *   with ConflictError.
   * The rows may come from an async source (a file read line by line): they are consumed as they
   * are written, never all held at once. MUST throw ConflictError when the tenant already owns any
   * row and ValidationError for an unknown table or a row whose columns do not match the table.
   * Afterwards the tenant's ORDER_NUMBER_COUNTER is at least the highest sequence among its orders'
   * numbers: rows exported before counters existed carry none, and the next order must not reuse one.
   */
  importRows(
    tenant: Tenant,
    rows: Iterable<TenantRow> | AsyncIterable<TenantRow>,
    options?: ImportRowsOptions,
  ): Promise<void>;
}

export interface ImportRowsOptions {
  /** Names the export being imported (e.g. its header line): a stopped import resumes only with the same. */
  source?: string;
  /** Rows per transaction (default: the store's, sized to hold SQLite's write lock briefly). */
  rowsPerTransaction?: number;
  /** Rows committed so far, after each transaction, and how long that transaction took. */
  onProgress?: (progress: { done: number; transactionMs: number }) => void;
}

/** One row of a tenant-owned table, as `TenantStore.exportRows` yields it. */
export interface TenantRow {
  table: string;
  row: Record<string, unknown>;
}
