export { ImmediateSqliteDialect } from './immediate-dialect.js';
export {
  DEFAULT_CACHE_SIZE_MIB,
  MAX_CACHE_SIZE_MIB,
  type SqliteStorageOptions,
  sqliteStorage,
} from './sqlite-storage.js';
export { CachedStatements } from './statement-cache.js';
export { DEFAULT_WAL_LIMIT_MIB } from './wal-limit.js';
