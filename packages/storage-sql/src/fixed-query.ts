import { CompiledQuery } from 'kysely';

/** Each fixed text made into a compiled query once: its raw node and query id are shared. */
const made = new Map<string, CompiledQuery>();

/**
 * `base`'s text with this call's parameters, built by hand: `CompiledQuery.raw` (or compiling a
 * `sql` template) makes a raw node, a random query id and two frozen copies per call, which only
 * Kysely's own executor reads; statements handed straight to the connection need none of it.
 */
export function withParameters<R>(base: CompiledQuery, parameters: readonly unknown[]): CompiledQuery<R> {
  return { sql: base.sql, query: base.query, parameters, queryId: base.queryId } as CompiledQuery<R>;
}

/**
 * A statement whose text never changes, with this call's parameters: for what every transaction
 * sends (BEGIN, the tenant binding, the import check), where building the query cost more Node
 * CPU than sending it. `text` must come from a fixed set (it is kept for the process's life).
 */
export function fixedQuery<R = unknown>(text: string, parameters: readonly unknown[] = []): CompiledQuery<R> {
  let base = made.get(text);
  if (base === undefined) {
    base = CompiledQuery.raw(text);
    made.set(text, base);
  }
  return withParameters<R>(base, parameters);
}
