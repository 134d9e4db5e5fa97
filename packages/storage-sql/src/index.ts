export type { AnyDb } from './any-db.js';
export {
  createSqlStorage,
  DEFAULT_DOCUMENT_CACHE_SIZE,
  MAX_DOCUMENT_CACHE_SIZE,
  type SqlStorageOptions,
} from './create-sql-storage.js';
export { postgresEngine } from './engine/postgres-engine.js';
export type { ColumnKind, SqlEngine } from './engine/sql-engine.js';
export { sqliteEngine } from './engine/sqlite-engine.js';
export { fixedQuery } from './fixed-query.js';
export { FEED_TABLES } from './migrations/0030-change-feed.js';
export { migrateToLatest, migrations } from './migrations/migrate.js';
export type { FilterOp, FilterSpec, RecordSpec } from './records/record-spec.js';
export { SqlRecordStore } from './records/sql-record-store.js';
export type { ScopedPages } from './records/store-context.js';
export {
  type ExecuteFn,
  type ExecuteOptions,
  immediateWrite,
  kyselyConnection,
  kyselyTransactor,
  type SqlTransactor,
  type TxConnection,
  type WriteOptions,
} from './sql-transactor.js';
export type { ExportSnapshot } from './stores/export-pages.js';
export { TENANT_OWNED_TABLES } from './stores/tenant-store.js';
