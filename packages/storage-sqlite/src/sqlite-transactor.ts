import type { AnyDb, ExecuteFn, SqlTransactor, TxConnection } from '@gongfu/storage-sql';
import type { ConnectionLock } from './connection-lock.js';
import {
  beginWrite,
  COMMIT,
  changesOn,
  commitWrite,
  executeOn,
  type SqliteConnection,
} from './sqlite-connection.js';
import type { WalLimiter } from './wal-limit.js';

const DONE: Promise<void> = Promise.resolve();

/**
 * Transactions on the one better-sqlite3 connection without Kysely's transaction machinery: the
 * connection lock keeps every other user of this storage out for the whole transaction; BEGIN
 * IMMEDIATE takes the write lock (waiting for another process's in short steps, the event loop
 * free meanwhile; a deferred BEGIN for reads: a WAL snapshot); COMMIT
 * when `fn` resolves, ROLLBACK when it throws or when COMMIT fails, and `fn`'s error is rethrown
 * unchanged. Statements run on the cached prepared statements directly; `txDb` is a Kysely over
 * the same connection that does not take the lock (the transaction holds it).
 */
export function sqliteTransactor(
  lock: ConnectionLock,
  connection: SqliteConnection,
  txDb: AnyDb,
  /** Settles what it owes before each write, notes the log at its start, told of its commit. */
  wal?: WalLimiter,
): SqlTransactor {
  const { statements } = connection;
  const { database } = statements;
  const run = (sql: string) => statements.prepare(sql).run([]);
  // Statements run synchronously: each call hands back a settled promise, a driver error a rejection
  // like Kysely's, without an async function's frame and await per statement (about ten a command).
  const execute: ExecuteFn = (query) => {
    try {
      return Promise.resolve(executeOn(statements, query));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  // `immediateWrite(execute)` without its two async hops: what it does, on the statement's own result.
  const write: TxConnection['write'] = (query, options) => {
    try {
      const changes = changesOn(statements, query);
      if (options.expectOne !== undefined && changes !== 1)
        return options.expectOne.lost(execute).then((lost) => Promise.reject(lost));
      return DONE;
    } catch (error) {
      return Promise.reject(error);
    }
  };
  const conn: TxConnection = { db: txDb, execute, write };
  return async (mode, fn) => {
    const waiting = lock.acquire();
    if (waiting !== undefined) await waiting;
    try {
      if (mode === 'write') await beginWrite(statements, wal);
      else run('begin');
      try {
        const result = await fn(conn);
        if (mode === 'write') commitWrite(statements, wal);
        else changesOn(statements, COMMIT);
        return result;
      } catch (error) {
        // Some errors (SQLITE_FULL, an interrupted statement) end the transaction inside SQLite;
        // rolling back then would fail and hide the original error.
        if (database.inTransaction) run('rollback');
        throw error;
      }
    } finally {
      lock.release();
    }
  };
}
