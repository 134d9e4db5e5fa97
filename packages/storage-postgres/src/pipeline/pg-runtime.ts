import type { PgResultLike } from './pg-batch.js';
import type { PgClientLike, PgRuntime } from './pipeline-connection.js';

interface PgModule {
  Result: new (rowMode: string | undefined, types: unknown) => PgResultLike;
  utils: { prepareValue: (value: unknown) => unknown };
  types: unknown;
}

/**
 * Row parsing and value encoding from the `pg` module itself, so rows decode exactly as through
 * `client.query` (the client's own type parsers). Undefined when `pg` is not installed: then the
 * pool is something else and transactions take the portable path.
 */
export async function pgRuntime(): Promise<PgRuntime | undefined> {
  let mod: PgModule;
  try {
    const imported = (await import('pg')) as unknown as { default?: PgModule } & PgModule;
    mod = imported.default ?? imported;
  } catch {
    return undefined;
  }
  if (typeof mod.Result !== 'function' || typeof mod.utils?.prepareValue !== 'function') return undefined;
  const { Result, utils } = mod;
  return {
    makeResult: (client: PgClientLike) =>
      new Result(undefined, (client as { _types?: unknown })._types ?? mod.types),
    prepareValue: (value) => textArrayLiteral(value) ?? utils.prepareValue(value),
  };
}

/**
 * An array of strings none of which holds a quote or a backslash, as pg's `prepareValue` writes
 * it (`{"a","b"}`), by one join instead of two regular-expression replaces per element: a team's
 * fifty-one owners are sent twice in each of its calendar reads. Anything else: undefined (pg's own).
 */
export function textArrayLiteral(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  if (value.length === 0) return '{}';
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'string' || item.includes('"') || item.includes('\\')) return undefined;
  }
  return `{"${value.join('","')}"}`;
}
