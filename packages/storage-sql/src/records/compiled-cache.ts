import { type Compilable, CompiledQuery, type QueryResult } from 'kysely';
import type { WriteOptions } from '../sql-transactor.js';
import type { StoreContext } from './store-context.js';

const HOT = { hot: true } as const;

/** SQL text per statement shape and engine. Holds no data: parameters are never cached. */
const sqlByShape = new Map<string, CompiledQuery>();

function sameParameters(compiled: readonly unknown[], given: readonly unknown[]): boolean {
  return compiled.length === given.length && compiled.every((p, i) => Object.is(p, given[i]));
}

/**
 * The statement of one hot shape with these parameters, without building and compiling its Kysely
 * tree every time: that work was most of a command's CPU time besides SQLite itself. The first run
 * of a shape compiles normally; its SQL is cached only if the compiled parameters are exactly
 * `params` in order, so a shape whose parameter order differs from what the caller passes is never
 * cached — it simply keeps compiling.
 */
function compiledFor<R>(
  ctx: StoreContext,
  shape: string,
  params: readonly unknown[],
  build: () => Compilable<R>,
): CompiledQuery<R> {
  const key = `${ctx.engine.name}\u0000${shape}`;
  const cached = sqlByShape.get(key);
  if (cached !== undefined) {
    // Built by hand: CompiledQuery.raw also makes a raw node, a query id and two frozen copies,
    // which only Kysely's own executor reads; these statements go straight to the connection.
    return {
      sql: cached.sql,
      query: cached.query,
      parameters: params,
      queryId: cached.queryId,
    } as CompiledQuery<R>;
  }
  const compiled = build().compile();
  if (sameParameters(compiled.parameters, params)) sqlByShape.set(key, CompiledQuery.raw(compiled.sql));
  return compiled;
}

/** Runs a hot statement (get by id, a scoped count, the quote behind a reminder) and waits for it. */
export function executeCached<R>(
  ctx: StoreContext,
  shape: string,
  params: readonly unknown[],
  build: () => Compilable<R>,
): Promise<QueryResult<R>> {
  return ctx.execute<R>(compiledFor(ctx, shape, params, build), { hot: true });
}

/**
 * Runs a hot write nobody waits for (insert, compare-and-set update, history append): PostgreSQL
 * sends it with the transaction's next statement (see `TxConnection.write`).
 */
export function writeCached(
  ctx: StoreContext,
  shape: string,
  params: readonly unknown[],
  build: () => Compilable<unknown>,
  options: WriteOptions,
): Promise<void> {
  // Object.assign, not a spread: `{ ...options, hot }` gets a hidden class of its own on every call
  // in Node 20, and the transactor's read of `expectOne` then misses its cache (core's kernel/merged.ts).
  return ctx.write(compiledFor(ctx, shape, params, build), Object.assign({}, options, HOT));
}
