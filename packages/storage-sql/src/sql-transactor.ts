import type { CrmError } from '@gongfu/core';
import type { CompiledQuery, QueryResult } from 'kysely';
import type { AnyDb } from './any-db.js';
import type { SqlEngine } from './engine/sql-engine.js';

/** Runs compiled SQL on the transaction's connection. */
export type ExecuteFn = <R>(query: CompiledQuery<R>, options?: ExecuteOptions) => Promise<QueryResult<R>>;

export interface ExecuteOptions {
  /**
   * The statement's text is one of a small fixed set run on every command (`executeCached`): an
   * engine with server-side prepared statements may name it once per connection and skip parsing
   * and planning on every later run.
   */
  hot?: boolean;
  /**
   * The statement's best plan does not depend on its values (a walk of the page index whatever the
   * scope's ids): an engine that caches plans runs it with its generic plan instead of planning
   * it anew per call. PostgreSQL otherwise keeps a custom plan for a text whose values change the
   * estimates (the head of a 200-person tree walked the same index with 0.5–3 ms of planning per
   * call). Never for a statement whose values choose its index (a customer's rows, a date range).
   */
  genericPlan?: boolean;
}

/** How a write's outcome is judged when nobody waits for its result. */
export interface WriteOptions extends ExecuteOptions {
  /** Named in the ConflictError or StorageError a failing statement becomes. */
  entity: string;
  /**
   * The statement MUST change exactly one row (a compare-and-set update). When it changes none,
   * the transaction fails with what `lost` returns; `read` runs a statement that sees the rows as
   * they are now (inside the transaction, or in a fresh one when the engine had to roll back).
   */
  expectOne?: { lost: (read: ExecuteFn) => Promise<CrmError> };
  /**
   * The statement checks an assumption and divides by zero when it does not hold: the transaction
   * then fails with this error instead of the driver's.
   */
  assertion?: () => CrmError;
}

/** The connection one transaction runs on, as the stores see it. */
export interface TxConnection {
  /** Kysely bound to the transaction's connection, for statements built per call. */
  readonly db: AnyDb;
  /** Runs compiled SQL on the same connection and waits for its rows. */
  readonly execute: ExecuteFn;
  /**
   * Runs a write whose result the caller does not need. An engine that pays a network round trip
   * per statement (PostgreSQL) may send it together with the next statement or with COMMIT, in
   * order; its error then fails that statement or the commit, and the transaction, exactly as if
   * it had been thrown here. Engines without round trips run it at once.
   */
  readonly write: (query: CompiledQuery, options: WriteOptions) => Promise<void>;
  /**
   * Every read costs a network round trip: stores then fetch, with a read, what the command's next
   * step asks for (a record's team with the record, for the authorization that follows every load).
   */
  readonly prefetch?: boolean;
  /**
   * Org and catalogue stamps may be assumed and checked instead of read (see `TenantStamps`);
   * engines with round trips.
   */
  readonly assumeStamps?: boolean;
}

/** `TxConnection.write` for engines that run every statement at once. */
export function immediateWrite(execute: ExecuteFn): TxConnection['write'] {
  return async (query, options) => {
    const result = await execute(query, options);
    if (options.expectOne !== undefined && Number(result.numAffectedRows ?? 0) !== 1) {
      throw await options.expectOne.lost(execute);
    }
  };
}

/**
 * Opens one transaction, runs `fn` in it, commits when `fn` resolves and rolls back when it
 * throws, rethrowing `fn`'s error unchanged. Write transactions must take the write lock (or
 * their isolation level) from their first statement, as `SqlEngine.begin` describes.
 */
export type SqlTransactor = <T>(mode: 'write' | 'read', fn: (conn: TxConnection) => Promise<T>) => Promise<T>;

/** A connection over a Kysely transaction (or any Kysely bound to one connection), statements run at once. */
export function kyselyConnection(trx: AnyDb): TxConnection {
  const execute: ExecuteFn = (query) => trx.executeQuery(query);
  return { db: trx, execute, write: immediateWrite(execute) };
}

/** The portable transactor: Kysely's own transaction, started the engine's way. */
export function kyselyTransactor(db: AnyDb, engine: SqlEngine): SqlTransactor {
  return (mode, fn) => engine.begin(db, mode).execute((trx) => fn(kyselyConnection(trx)));
}
