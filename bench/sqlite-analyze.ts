/**
 * The statistics a large import ends with (`TenantStore.importRows`), computed on a file seeded
 * another way (a kept seed, a bulk seed), so its planner statistics are the ones an import leaves.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { AnyDb } from '../packages/storage-sql/src/any-db.js';
import { refreshTenantStatistics } from '../packages/storage-sql/src/stores/sampled-statistics.js';
import { TENANT_OWNED_TABLES } from '../packages/storage-sql/src/stores/tenant-store.js';

export async function analyzeAsImported(raw: BetterSqlite3.Database): Promise<void> {
  const db = new Kysely<never>({ dialect: new SqliteDialect({ database: raw }) }) as unknown as AnyDb;
  await refreshTenantStatistics(
    TENANT_OWNED_TABLES,
    (fn) => fn(db),
    (fn) => fn(db),
  );
  // Leaves `raw` open: Kysely's destroy would close the caller's connection.
}
