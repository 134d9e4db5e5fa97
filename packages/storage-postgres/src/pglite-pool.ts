import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/** The part of a PGlite instance the adapter uses (structural, so PGlite stays an optional peer). */
export interface PGliteLike {
  query<R>(
    sql: string,
    params?: unknown[],
  ): Promise<{ rows: R[]; affectedRows?: number; command?: string; rowCount?: number }>;
  close(): Promise<void>;
  readonly closed?: boolean;
}

/**
 * PGlite as the pool Kysely's PostgresDialect expects. PGlite is ONE connection: a second caller
 * must not see the first's open transaction, so `connect()` hands the connection to one caller at
 * a time (FIFO) and the next waits for `release()`. `end()` leaves the instance open: whoever
 * created the PGlite closes it.
 */
export function pglitePool(pglite: PGliteLike): PostgresPool {
  // Every pool over one instance shares one queue, or two storages could interleave transactions.
  const existing = pools.get(pglite);
  if (existing !== undefined) return existing;
  const pool = createPool(pglite);
  pools.set(pglite, pool);
  return pool;
}

const pools = new WeakMap<PGliteLike, PostgresPool>();

function createPool(pglite: PGliteLike): PostgresPool {
  let busy = false;
  const waiting: (() => void)[] = [];

  const acquire = (): Promise<void> => {
    if (!busy) {
      busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else busy = false;
  };

  const client = (): PostgresPoolClient => {
    let released = false;
    return {
      // Kysely only calls the (sql, params) form; the cursor form is for streaming, not used here.
      query: (async (sql: string, params?: readonly unknown[]): Promise<PostgresQueryResult<unknown>> => {
        const result = await pglite.query(sql, params === undefined ? undefined : [...params]);
        const rowCount = result.affectedRows ?? result.rowCount ?? result.rows.length;
        return {
          command: (result.command ?? firstKeyword(sql)) as PostgresQueryResult<unknown>['command'],
          rowCount,
          rows: result.rows,
        };
      }) as PostgresPoolClient['query'],
      release() {
        if (released) return;
        released = true;
        release();
      },
    };
  };

  return {
    async connect() {
      await acquire();
      return client();
    },
    async end() {},
  };
}

function firstKeyword(sql: string): string {
  return (/^\s*([a-z]+)/i.exec(sql)?.[1] ?? '').toUpperCase();
}
