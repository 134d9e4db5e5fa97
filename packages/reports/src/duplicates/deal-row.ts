import type { DealLine, DealRecord } from './types.js';

/** The row's layout; a row of another layout is not read (its deal's documents are, until re-keyed). */
const LAYOUT = 1;

/**
 * A deal's comparison row (`DedupeEntry.row`): its `DealRecord` as one JSON array, fields by
 * position, lines flattened. The key refresh writes it with the deal's keys; a check reads these
 * short rows for its candidates instead of decoding every candidate's and its account's documents
 * and normalising the account's phones again (the decoding was a tenth of a many-candidate check).
 */
export function encodeDealRow(r: DealRecord): string {
  const lines: (string | number | null)[] = [];
  for (const l of r.lines) lines.push(l.sku, l.category, l.quantity);
  return JSON.stringify([
    LAYOUT,
    r.name,
    r.ownerId,
    r.accountId,
    r.accountName,
    r.accountKind,
    r.accountKeys,
    r.endCustomer,
    r.endCustomerAccountId ?? null,
    r.tender ?? null,
    lines,
    r.requiredDelivery,
    r.province,
    r.amountMinor,
    r.currency,
  ]);
}

/** The `DealRecord` of deal `id` a row holds, as `toDealRecord` made it; null for a row of another layout. */
export function decodeDealRow(id: string, row: string): DealRecord | null {
  const f = JSON.parse(row) as unknown[];
  if (f[0] !== LAYOUT) return null;
  const flat = f[10] as (string | number | null)[];
  const lines: DealLine[] = [];
  for (let i = 0; i < flat.length; i += 3)
    lines.push({
      sku: flat[i] as string,
      category: flat[i + 1] as string | null,
      quantity: flat[i + 2] as number,
    });
  return {
    id,
    name: f[1] as string,
    ownerId: f[2] as string,
    accountId: f[3] as string,
    accountName: f[4] as string,
    accountKind: f[5] as string | null,
    accountKeys: f[6] as string[],
    endCustomer: f[7] as string | null,
    endCustomerAccountId: f[8] as string | null,
    tender: f[9] as string | null,
    lines,
    requiredDelivery: f[11] as string | null,
    province: f[12] as string | null,
    amountMinor: f[13] as number,
    currency: f[14] as string,
  };
}
