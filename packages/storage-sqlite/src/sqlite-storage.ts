import type { CrmStorage } from '@gongfu/core';
import { type AnyDb, createSqlStorage, sqliteEngine } from '@gongfu/storage-sql';
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { ConnectionLock } from './connection-lock.js';
import { openReadSnapshot } from './read-snapshot.js';
import { OneConnectionSqliteDialect, SqliteConnection } from './sqlite-connection.js';
import { sqliteTransactor } from './sqlite-transactor.js';
import { CachedStatements } from './statement-cache.js';

export interface SqliteStorageOptions {
  /** A file path, or `:memory:`. Ignored when `database` is given. */
  filename?: string;
  /** An open better-sqlite3 database; the storage takes it over and closes it on `close()`. */
  database?: Database.Database;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /** How long a writer waits for the write lock before SQLITE_BUSY (default 5000 ms). */
  busyTimeoutMs?: number;
  /** Prepared statements kept per connection (default 500). */
  statementCacheSize?: number;
}

/** The embedded default: one better-sqlite3 connection in WAL mode behind Kysely. */
export async function sqliteStorage(options: SqliteStorageOptions = {}): Promise<CrmStorage> {
  const database = options.database ?? new Database(options.filename ?? ':memory:');
  // WAL lets readers run beside the one writer; NORMAL is durable across app crashes in WAL mode.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  const statements = new CachedStatements(database, options.statementCacheSize ?? 500);
  const connection = new SqliteConnection(statements);
  const lock = new ConnectionLock();
  const db: AnyDb = new Kysely({ dialect: new OneConnectionSqliteDialect(connection, lock) });
  const txDb: AnyDb = new Kysely({ dialect: new OneConnectionSqliteDialect(connection) });
  const storage = createSqlStorage({
    db,
    engine: sqliteEngine,
    transactor: sqliteTransactor(lock, connection, txDb),
    openSnapshot: async () => (database.memory ? undefined : openReadSnapshot(database.name)),
  });
  if (options.migrate ?? true) {
    try {
      await storage.migrateToLatest();
    } catch (error) {
      await storage.close();
      throw error;
    }
  }
  return storage;
}
