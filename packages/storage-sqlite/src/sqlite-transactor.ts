import {
  type AnyDb,
  type ExecuteFn,
  immediateWrite,
  type SqlTransactor,
  type TxConnection,
} from '@gongfu/storage-sql';
import type { ConnectionLock } from './connection-lock.js';
import { executeOn, type SqliteConnection } from './sqlite-connection.js';

/**
 * Transactions on the one better-sqlite3 connection without Kysely's transaction machinery: the
 * connection lock keeps every other user of this storage out for the whole transaction; BEGIN
 * IMMEDIATE takes the write lock at once (a deferred BEGIN for reads: a WAL snapshot); COMMIT
 * when `fn` resolves, ROLLBACK when it throws or when COMMIT fails, and `fn`'s error is rethrown
 * unchanged. Statements run on the cached prepared statements directly; `txDb` is a Kysely over
 * the same connection that does not take the lock (the transaction holds it).
 */
export function sqliteTransactor(
  lock: ConnectionLock,
  connection: SqliteConnection,
  txDb: AnyDb,
): SqlTransactor {
  const { statements } = connection;
  const { database } = statements;
  const run = (sql: string) => statements.prepare(sql).run([]);
  // An async wrapper, so a driver error becomes a rejection like Kysely's.
  const execute: ExecuteFn = async (query) => executeOn(statements, query);
  const conn: TxConnection = { db: txDb, execute, write: immediateWrite(execute) };
  return async (mode, fn) => {
    const waiting = lock.acquire();
    if (waiting !== undefined) await waiting;
    try {
      run(mode === 'write' ? 'begin immediate' : 'begin');
      try {
        const result = await fn(conn);
        run('commit');
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
