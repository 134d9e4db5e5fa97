import type { AnyDb, ExecuteFn, SqlTransactor, TxConnection } from '@gongfu/storage-sql';
import {
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
} from 'kysely';
import { type PgClientLike, type PgRuntime, PipelineConnection } from './pipeline-connection.js';

/** Kysely bound to one connection: the statements a store builds per call go through the pipeline too. */
class OneConnectionDialect extends PostgresDialect {
  constructor(private readonly connection: DatabaseConnection) {
    super({ pool: { connect: () => Promise.reject(new Error('unused')), end: async () => {} } });
  }

  override createDriver(): Driver {
    const connection = this.connection;
    return {
      init: async () => {},
      acquireConnection: async () => connection,
      beginTransaction: async () => {
        throw new Error('transactions are opened by the pipeline transactor');
      },
      commitTransaction: async () => {},
      rollbackTransaction: async () => {},
      releaseConnection: async () => {},
      destroy: async () => {},
    };
  }
}

interface Bound {
  conn: PipelineConnection;
  db: AnyDb;
  execute: ExecuteFn;
  write: TxConnection['write'];
}

/** One pipeline (and one Kysely over it) per pooled client, made on the client's first transaction. */
const bound = new WeakMap<object, Bound>();

function bind(client: PgClientLike, runtime: PgRuntime): Bound {
  let b = bound.get(client);
  if (b === undefined) {
    const conn = new PipelineConnection(client, runtime);
    b = {
      conn,
      db: new Kysely({ dialect: new OneConnectionDialect(conn) }),
      execute: (query, options) =>
        conn.query(query.sql, query.parameters, options?.hot, options?.genericPlan),
      write: async (query, options) => conn.defer(query, options),
    };
    bound.set(client, b);
  }
  return b;
}

/**
 * Whether `client` is a `pg` Client the pipeline can drive: it accepts a custom submittable, which
 * pg refuses in its own pipeline mode, and exposes the protocol connection.
 */
export function isPipelineCapable(client: unknown): client is PgClientLike {
  const c = client as { pipeline?: unknown; connection?: { parse?: unknown }; query?: unknown } | null;
  return typeof c?.query === 'function' && typeof c.connection?.parse === 'function' && c.pipeline !== true;
}

/**
 * Transactions over a `pg` pool in as few round trips as the reads allow: BEGIN, the tenant
 * binding and every write nobody waits for travel with the next read or with COMMIT
 * (`PipelineConnection`). A client the pipeline cannot drive (pg's own pipeline mode, another
 * driver) gets `fallback`.
 */
export function pipelineTransactor(
  pool: PostgresPool,
  runtime: PgRuntime,
  schema: string | undefined,
  fallback: SqlTransactor,
): SqlTransactor {
  // A client whose read-only transaction still owes its COMMIT (`PipelineConnection.endReadOnly`)
  // stays out of the pool, so no other borrower ever finds the transaction open: the next
  // transaction here takes it, and the COMMIT travels in that one's first round trip (a page read
  // after a page: one socket write and one server wake-up a read, not two); otherwise, at the next
  // turn of the event loop, the COMMIT is sent alone and the client returned to the pool.
  let parked: PostgresPoolClient | undefined;
  const park = (client: PostgresPoolClient, conn: PipelineConnection) => {
    parked = client;
    setImmediate(() => {
      if (parked !== client) return;
      parked = undefined;
      conn.flushCommit();
      client.release();
    });
  };
  return async (mode, fn) => {
    // Taken before any wait: a transaction ending meanwhile may park another client.
    const taken = parked;
    parked = undefined;
    const client: PostgresPoolClient = taken ?? (await pool.connect());
    if (!isPipelineCapable(client)) {
      client.release();
      return fallback(mode, fn);
    }
    const { conn, db, execute, write } = bind(client, runtime);
    // Set when ROLLBACK itself fails (a dead socket): the pool must not hand this client out again.
    let broken: Error | undefined;
    const abandon = async (error: unknown): Promise<never> => {
      let stale: unknown;
      try {
        stale = await conn.rollback();
      } catch (rollbackError) {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      // The command gave up on an org chart that turned out stale: its error may be wrong too.
      throw stale ?? error;
    };
    try {
      conn.begin(mode, schema);
      let result: Awaited<ReturnType<typeof fn>>;
      try {
        result = await fn({ db, execute, write, prefetch: true, assumeStamps: true });
      } catch (error) {
        return await abandon(error);
      }
      try {
        if (mode === 'read') await conn.endReadOnly();
        else await conn.commit();
      } catch (error) {
        return await abandon(error);
      }
      return result;
    } finally {
      if (broken === undefined && conn.owesCommit && parked === undefined) park(client, conn);
      else {
        conn.flushCommit();
        client.release(broken);
      }
    }
  };
}
