export { type PGliteLike, pglitePool } from './pglite-pool.js';
export {
  databaseOf,
  type PostgresSource,
  type PostgresStorageOptions,
  postgresStorage,
} from './postgres-storage.js';
export { enableRowLevelSecurity, TENANT_POLICY } from './row-level-security.js';
