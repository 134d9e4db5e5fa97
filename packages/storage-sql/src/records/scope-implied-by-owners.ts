import type { RowScope } from '@gongfu/core';

/**
 * The scope a read still has to test when its filter already keeps only rows owned by people the
 * scope names: none. A scoped row is visible when its `owner_id` is in `ownerIds` (OR team or
 * read-through rules), so a filter `owner_id in F` with every id of F in `ownerIds` passes only
 * visible rows, and the scope's OR — whose other arms name columns no calendar index holds — need
 * not be tested row by row. An empty F passes no rows, but is left to the scope all the same.
 */
export function scopeImpliedByOwners(scope: RowScope, ownerIds: readonly string[] | undefined): RowScope {
  if (scope.kind !== 'scoped' || ownerIds === undefined || ownerIds.length === 0) return scope;
  const named = new Set(scope.ownerIds);
  return ownerIds.every((id) => named.has(id)) ? { kind: 'all' } : scope;
}
