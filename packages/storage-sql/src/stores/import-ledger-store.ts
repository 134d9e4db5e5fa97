import type { ImportLedgerRow, ImportLedgerStore } from '@gongfu/core';
import type { StoreContext } from '../records/store-context.js';

/** Row keys per statement (`IN (…)` lists and multi-row inserts stay far below engine limits). */
const CHUNK = 500;

/** The bulk-import ledger; the primary key (tenant, run, row key) refuses a row recorded twice. */
export class SqlImportLedgerStore implements ImportLedgerStore {
  constructor(private readonly ctx: StoreContext) {}

  async record(runId: string, rows: readonly ImportLedgerRow[]): Promise<void> {
    const { db, tenantId } = this.ctx;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const values = rows.slice(i, i + CHUNK).map((r) => ({
        tenant_id: tenantId,
        run_id: runId,
        row_key: r.rowKey,
        entity: r.entity,
        record_id: r.recordId,
      }));
      await db.insertInto('import_ledger').values(values).execute();
    }
  }

  async done(runId: string, rowKeys?: readonly string[]): Promise<ImportLedgerRow[]> {
    const { db, tenantId } = this.ctx;
    const base = db
      .selectFrom('import_ledger')
      .select(['row_key', 'entity', 'record_id'])
      .where('tenant_id', '=', tenantId)
      .where('run_id', '=', runId);
    const rows: { row_key: string; entity: string; record_id: string }[] = [];
    if (rowKeys === undefined) rows.push(...(await base.execute()));
    else
      for (let i = 0; i < rowKeys.length; i += CHUNK)
        rows.push(...(await base.where('row_key', 'in', rowKeys.slice(i, i + CHUNK)).execute()));
    return rows.map((r) => ({
      rowKey: r.row_key,
      entity: r.entity as ImportLedgerRow['entity'],
      recordId: r.record_id,
    }));
  }
}
