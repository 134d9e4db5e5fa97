/** One committed row of a bulk import: which input row made which record. */
export interface ImportLedgerRow {
  /** The row's key within its run (the line number, or a key column the file supplies). */
  rowKey: string;
  entity: 'account' | 'contact' | 'lead' | 'product';
  recordId: string;
}

/**
 * The per-run ledger of a bulk import (`@gongfu/import`). A batch writes its records and their
 * ledger rows in one transaction, so after a crash the ledger says exactly which rows are in and a
 * rerun of the same run skips them — no row is written twice, none is lost.
 *
 * - `record` MUST throw ConflictError when a (run, row key) is already recorded.
 * - `done` returns the recorded rows of `runId` among `rowKeys` (all of them when omitted).
 */
export interface ImportLedgerStore {
  record(runId: string, rows: readonly ImportLedgerRow[]): Promise<void>;
  done(runId: string, rowKeys?: readonly string[]): Promise<ImportLedgerRow[]>;
}
