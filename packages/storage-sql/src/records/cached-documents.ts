import { StorageError } from '@gongfu/core';
import { SqlOrgStamp } from '../stores/tenant-stamp.js';
import { DocumentCache, type DocumentKeyOf } from './document-cache.js';
import type { StoreContext } from './store-context.js';

/**
 * What a statement read of a row instead of its document: enough to find the document kept.
 * `updated` is `updated_at` as the engine returns it (a string on both: PostgreSQL's cast to text).
 */
export type DocumentKey = DocumentKeyOf;

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
 * The documents of `keys` in their order: a row that brought its document (`doc` not null) is
 * decoded and kept; the others are copies of the decoded ones the storage keeps for that version,
 * and what it does not keep is read by `readMissing` (called only when some are missing), decoded
 * once and kept. A missing row whose version or time differs from its key's throws
 * `RowChangedWhileRead`; one that is gone throws too (its key's row was listed under the scope, so
 * returning it without its document would be a hole in the day).
 */
export async function cachedDocuments<T, K extends DocumentKey & { doc?: unknown }>(
  ctx: StoreContext,
  table: string,
  keys: readonly K[],
  readMissing: (missing: readonly K[]) => Promise<readonly ReadDocument[]>,
): Promise<T[]> {
  const { documents, engine } = ctx;
  // A tenant deleted and made again under its id (or imported into it) may bring rows with the
  // same ids, versions and times but other content; the tenant row's epoch, new with every life of
  // the tenant, tells the two apart. The org stamp is read (or assumed and checked) once per
  // transaction, and a scoped read has read it already.
  const tenantId = documents
    ? `${ctx.tenantId}\u0000${epochOf(await new SqlOrgStamp(ctx).stamp())}`
    : ctx.tenantId;
  const keyOf = (row: DocumentKey) =>
    DocumentCache.key(tenantId, table, row.id, engine.decodeInt(row.version), row.updated);
  const decoded = (row: DocumentKey & { doc?: unknown }, key: string): T => {
    const doc = engine.decodeJson<T>(row.doc);
    documents?.set(key, doc);
    return doc;
  };
  const found: (T | undefined)[] = keys.map((k) =>
    k.doc === undefined || k.doc === null ? documents?.get<T>(keyOf(k)) : decoded(k, keyOf(k)),
  );
  const missing = keys.filter((_, i) => found[i] === undefined);
  if (missing.length === 0) return found as T[];
  const read = new Map((await readMissing(missing)).map((row) => [row.id, row]));
  return keys.map((k, i) => {
    const kept = found[i];
    if (kept !== undefined) return kept;
    const row = read.get(k.id);
    const key = keyOf(k);
    if (row === undefined || keyOf(row) !== key) throw new RowChangedWhileRead(table, k.id);
    return decoded(row, key);
  });
}

/** The epoch part of a tenant stamp (`stampOf`: epoch, then the version after the last colon). */
function epochOf(stamp: string): string {
  const colon = stamp.lastIndexOf(':');
  return colon < 0 ? stamp : stamp.slice(0, colon);
}
