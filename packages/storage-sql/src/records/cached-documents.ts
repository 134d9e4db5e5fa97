import { StorageError } from '@gongfu/core';
import { DocumentCache } from './document-cache.js';
import type { StoreContext } from './store-context.js';

/** What a statement read of a row instead of its document: enough to find the document kept. */
export interface DocumentKey {
  id: string;
  version: unknown;
  /** `updated_at` as the engine returns it (a string on both: PostgreSQL's is cast to text). */
  updated: unknown;
}

/** One row's document as read for a key the cache did not hold. */
export interface ReadDocument extends DocumentKey {
  doc: unknown;
}

/**
 * A row changed between the statement that read its key and the one that read its document: only
 * possible outside a snapshot (a write transaction at READ COMMITTED). The read starts again.
 */
export class RowChangedWhileRead extends StorageError {
  constructor(table: string, id: string) {
    super(`${table} ${id} changed while its documents were read`);
  }
}

/**
 * The documents of `keys` in their order: copies of the decoded ones the storage keeps where it
 * holds that version, the rest read by `readMissing` (which is called only when some are missing),
 * decoded once and kept. A missing row whose version or time differs from its key's throws
 * `RowChangedWhileRead`; one that is gone throws too (its key's row was listed under the scope, so
 * returning it without its document would be a hole in the day).
 */
export async function cachedDocuments<T, K extends DocumentKey>(
  ctx: StoreContext,
  table: string,
  keys: readonly K[],
  readMissing: (missing: readonly K[]) => Promise<readonly ReadDocument[]>,
): Promise<T[]> {
  const { documents, engine, tenantId } = ctx;
  const keyOf = (row: DocumentKey) =>
    DocumentCache.key(tenantId, table, row.id, engine.decodeInt(row.version), row.updated);
  const found: (T | undefined)[] = keys.map((k) => documents?.get<T>(keyOf(k)));
  const missing = keys.filter((_, i) => found[i] === undefined);
  if (missing.length === 0) return found as T[];
  const read = new Map((await readMissing(missing)).map((row) => [row.id, row]));
  return keys.map((k, i) => {
    const kept = found[i];
    if (kept !== undefined) return kept;
    const row = read.get(k.id);
    const key = keyOf(k);
    if (row === undefined || keyOf(row) !== key) throw new RowChangedWhileRead(table, k.id);
    const doc = engine.decodeJson<T>(row.doc);
    documents?.set(key, doc);
    return doc;
  });
}
