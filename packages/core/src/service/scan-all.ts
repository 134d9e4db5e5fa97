import type { RecordStore } from '../storage/repositories.js';
import type { RowScope } from '../storage/scope.js';

const ALL: RowScope = { kind: 'all' };

/**
 * Every row of a store matching `where`, paged through so no single query is unbounded. Unscoped
 * by default, which is only for internal bookkeeping (merges, transfers, a serial's open loans)
 * after the actor's authority was checked; pass `ctx.scope()` to read what the actor may see, so
 * the scope is applied in SQL rather than by filtering afterwards.
 */
export async function scanAll<T, F>(
  store: RecordStore<T, F>,
  where: F | undefined,
  scope: RowScope = ALL,
  /** `ListQuery.planOnce`: the filters choose the same index whatever their values. */
  options: { planOnce?: boolean } = {},
): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list({
      scope,
      limit: 500,
      ...(where ? { where } : {}),
      ...(cursor ? { cursor } : {}),
      ...(options.planOnce ? { planOnce: true } : {}),
    });
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}
