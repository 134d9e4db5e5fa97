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
