import { type CrmStorage, fieldIssue, type Message, message, ValidationError } from '@gongfu/core';
import { type AnyDb, createSqlStorage, type ScopedPages, sqliteEngine } from '@gongfu/storage-sql';
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { DEFAULT_BUSY_STEP_MS } from './busy-wait.js';
import { ConnectionLock } from './connection-lock.js';
import { openReadSnapshot } from './read-snapshot.js';
import { OneConnectionSqliteDialect, SqliteConnection } from './sqlite-connection.js';
import { sqliteTransactor } from './sqlite-transactor.js';
import { CachedStatements } from './statement-cache.js';
import { DEFAULT_WAL_LIMIT_MIB, walLimiter } from './wal-limit.js';

export interface SqliteStorageOptions {
  /** A file path, or `:memory:`. Ignored when `database` is given. */
  filename?: string;
  /** An open better-sqlite3 database; the storage takes it over and closes it on `close()`. */
  database?: Database.Database;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /** How long a writer waits for the write lock before SQLITE_BUSY (default 5000 ms). */
  busyTimeoutMs?: number;
  /**
   * While another connection (another process) holds the write lock, a statement tries again every
   * this many ms (default 1), so a command gets the lock within about a step of the holder's
   * commit. 0 leaves the waiting to SQLite's own busy handler, whose steps grow to 25–100 ms and
   * miss the short gaps between a bulk job's transactions.
   */
  busyStepMs?: number;
  /** Prepared statements kept per connection (default 500). */
  statementCacheSize?: number;
  /**
   * SQLite's page cache for this connection, in MiB (default 64). SQLite's own default is 2 MiB,
   * which holds the hot part of a 10k-record office but not the indexes of a million records: a
   * bulk job over a large file then reads its pages from disk again and again (a 1M dedupe-key
   * build took 1,334 s at 2 MiB and 612 s with 1 GiB). Memory is taken as pages are read, not up
   * front. A positive number up to `MAX_CACHE_SIZE_MIB`; anything else is a ValidationError naming
   * `cacheSizeMiB`.
   */
  cacheSizeMiB?: number;
  /**
   * Past this many MiB of WAL file, after a write and outside any transaction, the connection
   * copies the log back into the database and has it restart from the file's beginning, the file
   * cut back to this size (default 16; `wal-limit.ts`): with other processes reading and writing
   * the file all the time, SQLite's own checkpoints rarely find that moment and the log grows
   * without end. These are the connection's only checkpoints, so the limit is also about how much
   * one copies at a time (16 MiB: ~100 ms). A positive number up to `MAX_CACHE_SIZE_MIB`; anything else is a ValidationError
   * naming `walLimitMiB`.
   */
  walLimitMiB?: number;
  /**
   * How a scoped page is read: `merge` (default) from index ranges of the scope's keys, `walk`
   * newest first through the table with the scope as a filter (the reference it is tested and
   * measured against).
   */
  scopedPages?: ScopedPages;
  /**
   * Decoded activity documents kept between calls for the calendar (default 4096; 0: decode every
   * time). A kept document is used only for the same id, version and update time, so every write
   * replaces it; a whole number from 0 to 1,000,000.
   */
  documentCacheSize?: number;
}

/** Default page cache: the indexes of a 100k-record tenant fit, and it costs nothing until used. */
export const DEFAULT_CACHE_SIZE_MIB = 64;

/**
 * The largest page cache SQLite can be given: it keeps `cache_size` as a 32-bit count of KiB, and a
 * larger size wraps (1e9 MiB became 0, the smallest cache there is) instead of failing.
 */
export const MAX_CACHE_SIZE_MIB = 2_097_152;

/** Why a size in MiB (the page cache, the WAL limit) cannot be used, or null when it can. */
function mibProblem(mib: number): Message | null {
  if (!Number.isFinite(mib)) return message('input.finiteNumber');
  if (mib <= 0) return message('input.notAbove', { minimum: 0 });
  if (mib > MAX_CACHE_SIZE_MIB) return message('input.tooBig', { maximum: MAX_CACHE_SIZE_MIB });
  return null;
}

/** The embedded default: one better-sqlite3 connection in WAL mode behind Kysely. */
export async function sqliteStorage(options: SqliteStorageOptions = {}): Promise<CrmStorage> {
  const cacheMiB = options.cacheSizeMiB ?? DEFAULT_CACHE_SIZE_MIB;
  const cacheProblem = mibProblem(cacheMiB);
  if (cacheProblem) throw new ValidationError([fieldIssue('cacheSizeMiB', cacheProblem)]);
  const walLimitMiB = options.walLimitMiB ?? DEFAULT_WAL_LIMIT_MIB;
  const walProblem = mibProblem(walLimitMiB);
  if (walProblem) throw new ValidationError([fieldIssue('walLimitMiB', walProblem)]);
  const database = options.database ?? new Database(options.filename ?? ':memory:');
  // WAL lets readers run beside the one writer; NORMAL is durable across app crashes in WAL mode.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  const busyTimeoutMs = Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000));
  const busyStepMs = options.busyStepMs ?? DEFAULT_BUSY_STEP_MS;
  if (!Number.isFinite(busyStepMs) || busyStepMs < 0) {
    throw new ValidationError([{ field: 'busyStepMs', message: 'zero or a positive number of ms' }]);
  }
  // With steps of our own, SQLite's handler is off: a busy statement returns at once and is retried.
  const busy =
    busyStepMs > 0
      ? { timeoutMs: busyTimeoutMs, stepMs: busyStepMs, inTransaction: () => database.inTransaction }
      : undefined;
  database.pragma(`busy_timeout = ${busy === undefined ? busyTimeoutMs : 0}`);
  // A negative cache_size is a size in KiB (a positive one counts pages).
  database.pragma(`cache_size = ${-Math.max(1, Math.round(cacheMiB * 1024))}`);
  const statements = new CachedStatements(database, options.statementCacheSize ?? 500, busy);
  const connection = new SqliteConnection(statements);
  const lock = new ConnectionLock();
  const wal = walLimiter(database, walLimitMiB);
  const db: AnyDb = new Kysely({ dialect: new OneConnectionSqliteDialect(connection, lock, wal) });
  const txDb: AnyDb = new Kysely({ dialect: new OneConnectionSqliteDialect(connection) });
  const storage = createSqlStorage({
    db,
    engine: sqliteEngine,
    transactor: sqliteTransactor(lock, connection, txDb, wal),
    openSnapshot: async () => (database.memory ? undefined : openReadSnapshot(database.name)),
    ...(options.scopedPages ? { scopedPages: options.scopedPages } : {}),
    ...(options.documentCacheSize === undefined ? {} : { documentCacheSize: options.documentCacheSize }),
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
