import type { CommandContext, EntityKind } from '@gongfu/core';

/**
 * The rows the report's reader may open, by id. A report names a record only when it is in this
 * map; anything else is named by kind and id (`hiddenRecordText`), so no label leaks a name.
 */
export async function visibleById<T extends { id: string }>(
  ctx: CommandContext,
  kind: EntityKind<T>,
  rows: readonly T[],
): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  for (const row of rows) if (await ctx.allows(kind, row)) out.set(row.id, row);
  return out;
}

/**
 * Loads records by id and keeps those the reader may open.
 * `scoped` (the default): one statement, the reader's scope applied in the database as a list
 * applies it — no round trip per record. `per-record`: load, then authorize each with the policy
 * (`visibleById`); the reference the property tests compare the scoped reading with.
 */
export type Visibility = 'scoped' | 'per-record';

export async function loadVisible<T extends { id: string }>(
  ctx: CommandContext,
  kind: EntityKind<T>,
  ids: readonly string[],
  visibility: Visibility = 'scoped',
): Promise<Map<string, T>> {
  if (ids.length === 0) return new Map();
  const store = kind.store(ctx.tx);
  if (visibility === 'per-record') return visibleById(ctx, kind, await store.getMany(ids));
  return new Map((await store.getMany(ids, ctx.scope())).map((r) => [r.id, r]));
}
