import { type RecordBase, StorageError } from '@gongfu/core';
import { encodeCell, type SqlEngine } from '../engine/sql-engine.js';
import type { RecordSpec } from './record-spec.js';

/**
 * Every column of a record's row but its keys, encoded for the engine, with `doc` as given (the
 * record's document: encoded to write it, or as just read back). A pure function of the record, so
 * the columns of any row the store wrote are the projection of that row's document: a read takes
 * the document alone and derives the rest here (`SqlRecordStore.get`), which costs less than
 * SQLite and the driver handing back each column (storage-sqlite's `stored-columns.property.test.ts`
 * compares the two).
 */
export function storedColumns<T extends RecordBase>(
  engine: SqlEngine,
  spec: RecordSpec<T, unknown>,
  record: T,
  doc: unknown,
): Record<string, unknown> {
  const row: Record<string, unknown> = {
    version: record.version,
    created_at: engine.encodeInstant(record.createdAt),
    updated_at: engine.encodeInstant(record.updatedAt),
    owner_id: spec.ownerId(record),
    team_key: spec.teamKey(record),
    doc,
  };
  const projected = spec.project(record);
  // `for in` over the projection's fresh literal (own keys only): no entry arrays made per call.
  for (const column in projected) {
    const kind = spec.columns[column];
    if (kind === undefined) throw new StorageError(`${spec.table}.${column} is projected but not declared`);
    row[column] = encodeCell(engine, kind, projected[column]);
  }
  return row;
}
