import {
  type CrmStorage,
  fieldIssue,
  isCrmError,
  message,
  type StorageTx,
  type TransactionOptions,
  ValidationError,
} from '@gongfu/core';
import type { AnyDb } from './any-db.js';
import { createTx } from './create-tx.js';
import type { SqlEngine } from './engine/sql-engine.js';
import { migrateToLatest } from './migrations/migrate.js';
import { DocumentCache } from './records/document-cache.js';
import type { ScopedPages } from './records/store-context.js';
import { kyselyTransactor, type SqlTransactor } from './sql-transactor.js';
import type { ExportSnapshot } from './stores/export-pages.js';
import { refuseImporting } from './stores/tenant-ready.js';
import { StaleTenantStamp, TenantStamps } from './stores/tenant-stamps.js';
import { SqlTenantStore } from './stores/tenant-store.js';

export interface SqlStorageOptions {
  /** A Kysely instance over the engine's dialect (the engine packages build it). */
  db: AnyDb;
  engine: SqlEngine;
  /**
   * How a transaction is opened and its statements run; Kysely's transaction when absent. The
   * SQLite package supplies a leaner one over its single connection.
   */
  transactor?: SqlTransactor;
  /** Runs after `db.destroy()` on close, e.g. to remove a temp file. */
  onClose?: () => Promise<void> | void;
  /**
   * A read-only snapshot on a connection of its own, for streamed tenant exports; undefined (or
   * absent) where the engine has none, and exports are then read whole before they are yielded.
   */
  openSnapshot?: () => Promise<ExportSnapshot | undefined>;
  /** How scoped pages are read (see `StoreContext.scopedPages`); `merge` when absent. */
  scopedPages?: ScopedPages;
  /**
   * Decoded documents kept between calls for the calendar (`DocumentCache`), default
   * `DEFAULT_DOCUMENT_CACHE_SIZE`; 0 decodes every document every time. A whole number from 0 to
   * `MAX_DOCUMENT_CACHE_SIZE`, else a ValidationError naming `documentCacheSize`.
   */
  documentCacheSize?: number;
}

/** About 30 team weeks of a manager of fifty (140 entries each), a few MiB of decoded objects. */
export const DEFAULT_DOCUMENT_CACHE_SIZE = 4096;
/** A bound that keeps a mistaken size from holding a tenant's whole table in memory. */
export const MAX_DOCUMENT_CACHE_SIZE = 1_000_000;

/** The CrmStorage port over any Kysely dialect the engine describes. */
export function createSqlStorage(options: SqlStorageOptions): CrmStorage {
  const documents = documentCache(options.documentCacheSize);
  const { db, engine } = options;
  const transact = options.transactor ?? kyselyTransactor(db, engine);

  const stamps = new TenantStamps();

  async function run<T>(mode: 'write' | 'read', opts: TransactionOptions, fn: (tx: StorageTx) => Promise<T>) {
    if (typeof opts.tenantId !== 'string' || opts.tenantId.length === 0) {
      throw new ValidationError([{ field: 'tenantId', message: 'a transaction needs a tenant id' }]);
    }
    // The org chart or the catalogue changed since this storage last read its stamp: nothing was
    // written; run the command again, now reading that stamp (and so the new data) for real. Each
    // kind can fail once, so the loop ends after at most one retry per kind.
    for (let retries = 0; ; retries++) {
      try {
        return await attempt(mode, opts.tenantId, fn);
      } catch (error) {
        if (!(error instanceof StaleTenantStamp) || retries >= 2) throw error;
        stamps.forget(error.kind, opts.tenantId);
      }
    }
  }

  async function attempt<T>(mode: 'write' | 'read', tenantId: string, fn: (tx: StorageTx) => Promise<T>) {
    // Tells fn's own error (rethrown unchanged) apart from a failing BEGIN or COMMIT (wrapped).
    let thrownByFn: { error: unknown } | null = null;
    try {
      return await transact(mode, async (conn) => {
        await engine.bindTenant?.(conn, tenantId);
        const { orgStamp } = await refuseImporting(conn, engine, tenantId);
        // The handle's stores refuse work once fn has settled: nothing may run after COMMIT.
        const state = { open: true };
        try {
          return await fn(
            createTx(conn, engine, tenantId, state, stamps, options.scopedPages, orgStamp, documents),
          );
        } catch (error) {
          thrownByFn = { error };
          throw error;
        } finally {
          state.open = false;
        }
      });
    } catch (error) {
      if (error instanceof StaleTenantStamp) throw error;
      if ((thrownByFn !== null && (thrownByFn as { error: unknown }).error === error) || isCrmError(error))
        throw error;
      throw engine.mapError(error, 'transaction');
    }
  }

  return {
    engine: engine.name,
    transaction: (opts, fn) => run('write', opts, fn),
    read: (opts, fn) => run('read', opts, fn),
    tenants: new SqlTenantStore(db, engine, options.openSnapshot),
    migrateToLatest: () => migrateToLatest(db, engine),
    async close() {
      await db.destroy();
      await options.onClose?.();
    },
  };
}

/** The storage's document cache, the size checked (none when the size is 0). */
function documentCache(size: number = DEFAULT_DOCUMENT_CACHE_SIZE): DocumentCache | undefined {
  if (!Number.isSafeInteger(size) || size < 0 || size > MAX_DOCUMENT_CACHE_SIZE)
    throw new ValidationError([
      fieldIssue(
        'documentCacheSize',
        message('input.wholeNumberBetween', { min: 0, max: MAX_DOCUMENT_CACHE_SIZE }),
      ),
    ]);
  return size === 0 ? undefined : new DocumentCache(size);
}
