import { type Compilable, CompiledQuery, type QueryResult } from 'kysely';
import type { StoreContext } from './store-context.js';

/** SQL text per statement shape and engine. Holds no data: parameters are never cached. */
const sqlByShape = new Map<string, string>();

function sameParameters(compiled: readonly unknown[], given: readonly unknown[]): boolean {
  return compiled.length === given.length && compiled.every((p, i) => Object.is(p, given[i]));
}

/**
 * Runs a hot statement (get by id, insert, compare-and-set update, history append) without
 * building and compiling its Kysely tree every time: that work was most of a command's CPU time
 * besides SQLite itself. The first run of a shape compiles normally; its SQL is cached only if
 * the compiled parameters are exactly `params` in order, so a shape whose parameter order differs
 * from what the caller passes is never cached — it simply keeps compiling.
 */
export async function executeCached<R>(
  ctx: StoreContext,
  shape: string,
  params: readonly unknown[],
  build: () => Compilable<R>,
): Promise<QueryResult<R>> {
  const key = `${ctx.engine.name}\u0000${shape}`;
  const text = sqlByShape.get(key);
  if (text !== undefined) return ctx.execute<R>(CompiledQuery.raw(text, [...params]));
  const compiled = build().compile();
  if (sameParameters(compiled.parameters, params)) sqlByShape.set(key, compiled.sql);
  return ctx.execute<R>(compiled);
}
