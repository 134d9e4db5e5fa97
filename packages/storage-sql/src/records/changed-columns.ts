import type { StoreContext, StoredRow } from './store-context.js';

/**
 * A compare-and-set update sets only the columns whose stored value changes. SQLite rewrites the
 * entry of every index that covers a column named in SET, changed or not, and the pages it dirties
 * go to the WAL at commit: setting all ~20 columns of a deal to move its stage cost about 80 µs more
 * CPU per command than setting the seven that change (bench/RESULTS.md, helper h-cpu3).
 *
 * What "stored" means: the columns as this transaction last wrote them, or as `get` derived them
 * from the document it read (`stored-columns.ts`). Every write of a record table goes through
 * `SqlRecordStore`, which writes the columns and the document from one record by that same
 * function, and the migrations that add or rewrite a projected column keep it so; a row's columns
 * are therefore its document's projection, and reading them back would tell nothing more (the
 * property test `stored-columns.property.test.ts` of storage-sqlite holds it). The row is trusted only at the
 * version the update expects: the compare-and-set refuses the update if the row moved since, so the
 * columns left out hold the value the full update would have written.
 */
export function columnsToSet(
  ctx: StoreContext,
  key: string,
  expectedVersion: number,
  row: Record<string, unknown>,
): Record<string, unknown> {
  const stored = ctx.memo.rows?.get(key);
  if (stored === undefined || stored.version !== expectedVersion) return row;
  const set: Record<string, unknown> = {};
  for (const column in row) {
    // A value the database holds in another representation (a number read back as text) is set
    // again: only a value read back identical is left out.
    if (column === 'doc' || !Object.is(stored[column], row[column])) set[column] = row[column];
  }
  return set;
}

/**
 * Remember a record's stored columns — as `get` derived them, or as an insert or update just wrote them
 * (all of `row`: the columns an update left out held these values already) — for a later update in
 * this transaction.
 */
export function rememberRow(ctx: StoreContext, key: string, row: StoredRow): void {
  ctx.memo.rows ??= new Map();
  ctx.memo.rows.set(key, row);
}
