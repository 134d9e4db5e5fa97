import { type AnyDb, type ExecuteFn, immediateWrite, type SqlTransactor } from '@gongfu/storage-sql';
import type Database from 'better-sqlite3';
import type { CompiledQuery, QueryResult } from 'kysely';
import type { CachedStatements } from './statement-cache.js';

/**
 * What Kysely's SQLite connection does for one query, without its executor chain (connection
 * provider, mutex promise, result transformers): the same prepared statement, the same result.
 */
function executeOn<R>(statements: CachedStatements, query: CompiledQuery<R>): QueryResult<R> {
  const statement = statements.prepare(query.sql) as unknown as Database.Statement;
  if (statement.reader) return { rows: statement.all(query.parameters) as R[] };
  const { changes, lastInsertRowid } = statement.run(query.parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/**
 * Transactions on the one better-sqlite3 connection without Kysely's transaction machinery:
 * `db.connection()` holds Kysely's connection mutex for the whole transaction exactly as
 * `db.transaction()` does, so no other query on this storage can run inside it; BEGIN IMMEDIATE
 * takes the write lock at once (a deferred BEGIN for reads: a WAL snapshot); COMMIT when `fn`
 * resolves, ROLLBACK when it throws or when COMMIT fails, and `fn`'s error is rethrown unchanged.
 */
export function sqliteTransactor(db: AnyDb, statements: CachedStatements): SqlTransactor {
  const { database } = statements;
  const run = (sql: string) => statements.prepare(sql).run([]);
  return (mode, fn) =>
    db.connection().execute(async (conn) => {
      run(mode === 'write' ? 'begin immediate' : 'begin');
      try {
        // An async wrapper, so a driver error becomes a rejection like Kysely's.
        const execute: ExecuteFn = async (query) => executeOn(statements, query);
        const result = await fn({ db: conn, execute, write: immediateWrite(execute) });
        run('commit');
        return result;
      } catch (error) {
        // Some errors (SQLITE_FULL, an interrupted statement) end the transaction inside SQLite;
        // rolling back then would fail and hide the original error.
        if (database.inTransaction) run('rollback');
        throw error;
      }
    });
}
