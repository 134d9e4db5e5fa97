/**
 * The statements a read path runs, and their plans: SQLite's EXPLAIN QUERY PLAN on a second
 * connection, PostgreSQL's EXPLAIN (ANALYZE, BUFFERS off) with the same parameters, so the report
 * shows which index each statement uses and how many rows it touched.
 */
import type Database from 'better-sqlite3';
import type { PostgresPool } from 'kysely';
import type pg from 'pg';

export interface Traced {
  sql: string;
  params: unknown[];
  /** The round trip that carried it (PostgreSQL: one per `client.query` call, a pipelined batch included). */
  trip?: number;
}

export interface Tracer {
  start(): void;
  stop(): Traced[];
}

/**
 * Records every statement better-sqlite3 runs while started. Installed before the storage opens:
 * statements are wrapped as they are prepared (the storage caches them), at the cost of one flag
 * check per run.
 */
export function traceSqlite(DatabaseClass: typeof Database): Tracer {
  let on = false;
  let seen: Traced[] = [];
  const proto = DatabaseClass.prototype as unknown as { prepare: (sql: string) => Database.Statement };
  const prepare = proto.prepare;
  proto.prepare = function (this: Database.Database, sql: string) {
    const statement = prepare.call(this, sql);
    for (const method of ['all', 'get', 'run', 'iterate'] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        if (on) seen.push({ sql, params: (Array.isArray(args[0]) ? args[0] : args) as unknown[] });
        return original(...args);
      };
    }
    return statement;
  };
  return {
    start() {
      seen = [];
      on = true;
    },
    stop() {
      on = false;
      return seen;
    },
  };
}

/** A pool whose clients record their statements (pipelined batches included) while started. */
export function tracePool(inner: pg.Pool): Tracer & { pool: PostgresPool } {
  let on = false;
  let seen: Traced[] = [];
  let trip = 0;
  const wrapped = new WeakMap<object, object>();
  const wrap = (client: pg.PoolClient) => {
    let proxy = wrapped.get(client);
    if (proxy === undefined) {
      proxy = new Proxy(client, {
        get(target, prop, receiver) {
          const value: unknown = Reflect.get(target, prop, receiver);
          if (prop !== 'query' || typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (on) {
              trip++;
              const batch = (args[0] as { statements?: { text: string; values: unknown[] }[] }).statements;
              if (batch) for (const s of batch) seen.push({ sql: s.text, params: [...s.values], trip });
              else if (typeof args[0] === 'string')
                seen.push({ sql: args[0], params: (args[1] as unknown[]) ?? [], trip });
            }
            return value.apply(target, args);
          };
        },
      });
      wrapped.set(client, proxy);
    }
    return proxy;
  };
  return {
    pool: {
      connect: async () => wrap(await inner.connect()) as never,
      end: () => inner.end(),
    },
    start() {
      seen = [];
      on = true;
    },
    stop() {
      on = false;
      return seen;
    },
  };
}

export function explainSqlite(db: Database.Database, sql: string, params: unknown[]): string {
  const rows = db.prepare(`explain query plan ${sql}`).all(...params) as {
    id: number;
    parent: number;
    detail: string;
  }[];
  const depth = new Map<number, number>([[0, 0]]);
  return rows
    .map((r) => {
      const d = (depth.get(r.parent) ?? 0) + 1;
      depth.set(r.id, d);
      return `${'  '.repeat(d)}${r.detail}`;
    })
    .join('\n');
}

export async function explainPostgres(pool: pg.Pool, sql: string, params: unknown[]): Promise<string> {
  const { rows } = await pool.query(`explain (analyze, costs off, timing off, summary on) ${sql}`, params);
  return rows.map((r: Record<string, string>) => `  ${r['QUERY PLAN']}`).join('\n');
}
