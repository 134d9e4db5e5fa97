import type { CompiledQuery, QueryResult } from 'kysely';
import type { AnyDb } from './any-db.js';
import type { SqlEngine } from './engine/sql-engine.js';

/** The connection one transaction runs on, as the stores see it. */
export interface TxConnection {
  /** Kysely bound to the transaction's connection, for statements built per call. */
  readonly db: AnyDb;
  /** Runs compiled SQL on the same connection (hot statements whose SQL is cached). */
  readonly execute: <R>(query: CompiledQuery<R>) => Promise<QueryResult<R>>;
}

/**
 * Opens one transaction, runs `fn` in it, commits when `fn` resolves and rolls back when it
 * throws, rethrowing `fn`'s error unchanged. Write transactions must take the write lock (or
 * their isolation level) from their first statement, as `SqlEngine.begin` describes.
 */
export type SqlTransactor = <T>(mode: 'write' | 'read', fn: (conn: TxConnection) => Promise<T>) => Promise<T>;

/** The portable transactor: Kysely's own transaction, started the engine's way. */
export function kyselyTransactor(db: AnyDb, engine: SqlEngine): SqlTransactor {
  return (mode, fn) =>
    engine.begin(db, mode).execute((trx) => fn({ db: trx, execute: (query) => trx.executeQuery(query) }));
}
