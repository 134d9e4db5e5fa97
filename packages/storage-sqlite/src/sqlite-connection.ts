import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SqliteDialect,
  type TransactionSettings,
} from 'kysely';
import { bindsAsArguments } from './bound-arguments.js';
import { retryBusy, retryBusySync } from './busy-wait.js';
import type { ConnectionLock } from './connection-lock.js';
import type { CachedStatements } from './statement-cache.js';
import type { WalLimiter } from './wal-limit.js';

function runOnce<R>(statements: CachedStatements, query: CompiledQuery<R>): QueryResult<R> {
  const prepared = statements.prepared(query.sql);
  if (prepared.reader) return { rows: prepared.rows(query.parameters) as R[] };
  const { parameters } = query;
  const { changes, lastInsertRowid } = bindsAsArguments(parameters)
    ? prepared.statement.run(...parameters)
    : prepared.statement.run(parameters);
  if (prepared.changesSchema) statements.schemaChanged();
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/**
 * A write's count of changed rows, without the result object and its two BigInts: what the
 * transactor's `write` reads (a statement returning rows reads them and counts 0, as its
 * `numAffectedRows` is absent).
 */
function changesOnce(statements: CachedStatements, query: CompiledQuery): number {
  const prepared = statements.prepared(query.sql);
  if (prepared.reader) {
    prepared.rows(query.parameters);
    return 0;
  }
  const { parameters } = query;
  const { changes } = bindsAsArguments(parameters)
    ? prepared.statement.run(...parameters)
    : prepared.statement.run(parameters);
  if (prepared.changesSchema) statements.schemaChanged();
  return changes;
}

/** `executeOn` for a write whose count of changed rows is all that is read, retried the same way. */
export function changesOn(statements: CachedStatements, query: CompiledQuery): number {
  const { busy } = statements;
  return busy === undefined
    ? changesOnce(statements, query)
    : retryBusySync(busy, () => changesOnce(statements, query));
}

/**
 * One query on the cached prepared statement, with the result Kysely's SQLite connection gives; a
 * statement SQLite answers with SQLITE_BUSY is retried in the connection's steps (see busy-wait.ts).
 */
export function executeOn<R>(statements: CachedStatements, query: CompiledQuery<R>): QueryResult<R> {
  const { busy } = statements;
  return busy === undefined
    ? runOnce(statements, query)
    : retryBusySync(busy, () => runOnce(statements, query));
}

/** `executeOn` for a statement that waits for the write lock (BEGIN IMMEDIATE): the event loop runs meanwhile. */
export async function executeWaiting<R>(
  statements: CachedStatements,
  query: CompiledQuery<R>,
): Promise<QueryResult<R>> {
  const { busy } = statements;
  return busy === undefined ? runOnce(statements, query) : retryBusy(busy, () => runOnce(statements, query));
}

const BEGIN_IMMEDIATE = CompiledQuery.raw('begin immediate');
/** COMMIT, prepared once: a write's (`commitWrite`) and a read's. */
export const COMMIT = CompiledQuery.raw('commit');

/**
 * Opens a write transaction: first the checkpoint the last write owes, outside this one's lock
 * (`walLimiter`); then BEGIN IMMEDIATE, waiting for another process's write lock in the
 * connection's short steps (busy-wait.ts), the event loop free meanwhile; then the log noted.
 */
export async function beginWrite(statements: CachedStatements, wal: WalLimiter | undefined): Promise<void> {
  wal?.settle();
  await executeWaiting(statements, BEGIN_IMMEDIATE);
  wal?.began();
}

/** Commits a write transaction and tells the limiter, which copies the log when it grew past its limit. */
export function commitWrite(statements: CachedStatements, wal: WalLimiter | undefined): void {
  changesOn(statements, COMMIT);
  wal?.wrote();
}

/** The connection as Kysely sees it. */
export class SqliteConnection implements DatabaseConnection {
  constructor(readonly statements: CachedStatements) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return executeOn<R>(this.statements, query as CompiledQuery<R>);
  }

  // biome-ignore lint/correctness/useYield: Gongfu never streams from SQLite.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on this connection');
  }
}

const run = (connection: DatabaseConnection, sql: string) => connection.executeQuery(CompiledQuery.raw(sql));

/**
 * A Kysely dialect over the one connection. With a lock, every query or transaction of the
 * instance takes it first (the storage's root instance); without, it runs at once (the instance a
 * transaction's stores use, while the transactor holds the lock). Write transactions start with
 * BEGIN IMMEDIATE: a deferred BEGIN that reads and then writes fails at once with SQLITE_BUSY when
 * another connection wrote in between, and busy_timeout cannot help that case.
 *
 * The root instance's write transactions tell the WAL limiter as the transactor's do: a tenant
 * import's and a tenant removal's short transactions run here, and without it the importer never
 * copied its own log — the commands' process beside it did all the copying (bench/RESULTS.md,
 * issue 15: 0 checkpoints by the importer in a traced import).
 */
export class OneConnectionSqliteDialect extends SqliteDialect {
  constructor(
    private readonly connection: SqliteConnection,
    private readonly lock?: ConnectionLock,
    private readonly wal?: WalLimiter,
  ) {
    super({ database: connection.statements });
  }

  override createDriver(): Driver {
    const { connection, lock, wal } = this;
    /** The open transaction writes: its commit is told to the limiter. */
    let writing = false;
    return {
      init: async () => {},
      acquireConnection: async () => {
        await lock?.acquire();
        return connection;
      },
      beginTransaction: async (c, settings: TransactionSettings) => {
        writing = settings.accessMode !== 'read only';
        if (!writing) {
          await run(c, 'begin');
          return;
        }
        await beginWrite(connection.statements, wal);
      },
      commitTransaction: async (c) => {
        if (writing) commitWrite(connection.statements, wal);
        else await run(c, 'commit');
        writing = false;
      },
      rollbackTransaction: async (c) => {
        writing = false;
        await run(c, 'rollback');
      },
      savepoint: async (c, name) => {
        await run(c, `savepoint "${name}"`);
      },
      rollbackToSavepoint: async (c, name) => {
        await run(c, `rollback to "${name}"`);
      },
      releaseSavepoint: async (c, name) => {
        await run(c, `release "${name}"`);
      },
      releaseConnection: async () => {
        lock?.release();
      },
      destroy: async () => {
        if (lock !== undefined) connection.statements.close();
      },
    };
  }
}
