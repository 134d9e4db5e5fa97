import type { CrmStorage } from '@gongfu/core';

/** A tenant's rows, table by table, each table as one comparable string (its rows, or a digest of them). */
export type TenantFingerprint = Record<string, string>;

/** How a suite reads a tenant's fingerprint: engine-neutral by default, a faster digest where an engine offers one. */
export type Fingerprinter = (storage: CrmStorage, tenantId: string) => Promise<TenantFingerprint>;

/**
 * Every row one tenant owns, as the tenant export reads it in one snapshot: every record store,
 * team rows, history, quote ledger, reminders, the change feed, search keys, counters, idempotency
 * keys, configuration. Two equal fingerprints mean nothing of the tenant changed.
 */
export const exportFingerprint: Fingerprinter = async (storage, tenantId) => {
  const out: TenantFingerprint = {};
  for await (const { table, row } of storage.tenants.exportRows(tenantId))
    out[table] = `${out[table] ?? ''}${JSON.stringify(row)}\n`;
  return out;
};

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: TenantFingerprint, after: TenantFingerprint): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((table) => (before[table] ?? '') !== (after[table] ?? ''))
    .sort();
}
