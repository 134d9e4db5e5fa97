export { ImmediateSqliteDialect } from './immediate-dialect.js';
export { type SqliteStorageOptions, sqliteStorage } from './sqlite-storage.js';
export { CachedStatements } from './statement-cache.js';
