import type { CrmStorage } from '@gongfu/core';

/**
 * Every row one tenant owns, table by table, as the tenant export reads it in one snapshot: every
 * record store, team rows, history, quote ledger, reminders, the change feed, search keys,
 * counters, idempotency keys, configuration. Two equal results mean nothing of the tenant changed.
 */
export async function tenantRows(storage: CrmStorage, tenantId: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for await (const { table, row } of storage.tenants.exportRows(tenantId)) {
    let rows = out[table];
    if (rows === undefined) {
      rows = [];
      out[table] = rows;
    }
    rows.push(JSON.stringify(row));
  }
  return out;
}

/** Rows present in only one of the two states (a changed row counts once on each side), per table. */
export function changedRows(
  before: Record<string, string[]>,
  after: Record<string, string[]>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const left = new Map<string, number>();
    for (const row of before[table] ?? []) left.set(row, (left.get(row) ?? 0) + 1);
    let differing = 0;
    for (const row of after[table] ?? []) {
      const n = left.get(row) ?? 0;
      if (n > 0) left.set(row, n - 1);
      else differing += 1;
    }
    for (const n of left.values()) differing += n;
    if (differing > 0) out[table] = differing;
  }
  return out;
}
