import { type Compilable, CompiledQuery, type QueryResult } from 'kysely';
import type { SqlEngine } from '../engine/sql-engine.js';
import { withParameters } from '../fixed-query.js';
import type { WriteOptions } from '../sql-transactor.js';
import type { StoreContext } from './store-context.js';

const HOT = { hot: true } as const;

/**
 * SQL text per engine and statement shape. Holds no data: parameters are never cached. One map per
 * engine, not one keyed by engine and shape joined: that key was a new string to build, flatten
 * and hash for every statement a command runs.
 */
const sqlByShape: Record<SqlEngine['name'], Map<string, CompiledQuery>> = {
  sqlite: new Map(),
  postgres: new Map(),
};

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
  const byShape = sqlByShape[ctx.engine.name];
  const cached = byShape.get(shape);
  if (cached !== undefined) {
    // These statements go straight to the connection: no query of their own per call.
    return withParameters<R>(cached, params);
  }
  const compiled = build().compile();
  if (sameParameters(compiled.parameters, params)) byShape.set(shape, CompiledQuery.raw(compiled.sql));
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
