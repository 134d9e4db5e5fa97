import type { RecordStore } from '../storage/repositories.js';
import type { RowScope } from '../storage/scope.js';

const ALL: RowScope = { kind: 'all' };

/**
 * Every row of a store matching `where`, unscoped, paged through so no single query is unbounded.
 * Only for internal bookkeeping (merges, transfers) after the actor's authority was checked.
 */
export async function scanAll<T, F>(store: RecordStore<T, F>, where: F | undefined): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list({
      scope: ALL,
      limit: 500,
      ...(where ? { where } : {}),
      ...(cursor ? { cursor } : {}),
    });
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

/** The query plus, when it looks like a phone number, its digits alone (people type numbers many ways). */
export function searchVariants(query: string): string[] {
  const digits = query.replace(/\D/g, '');
  const looksLikePhone = digits.length >= 5 && /^[\d\s\-+()./]+$/.test(query);
  return looksLikePhone && digits !== query ? [query, digits] : [query];
}
