import type { RecordSpec } from './record-spec.js';

/**
 * The columns naming a customer that have a page index `(tenant_id, column, created_at, id)` of
 * their own (migration 0093), by table: there one customer's rows are one range in page order.
 */
const CUSTOMER_PAGE_INDEXES: Readonly<Record<string, readonly string[]>> = {
  leads: ['account_id'],
  opportunities: ['account_id', 'end_customer_id'],
  orders: ['account_id'],
  service_cases: ['account_id'],
  activities: ['account_id'],
  demo_loans: ['account_id'],
  cost_entries: ['account_id'],
};

/** A list's customer filter read as ranges of its page index: the filter's key, column and ids. */
export interface CustomerRange {
  key: string;
  column: string;
  ids: readonly string[];
}

/**
 * The one customer filter (`accountId`, `endCustomerId`) of `where` whose column has its page
 * index, or null (none, two of them, or a table without the index).
 */
export function customerRange(
  // biome-ignore lint/suspicious/noExplicitAny: any record spec; only its table and filters are read.
  spec: RecordSpec<any, any>,
  where: object | undefined,
  keys: readonly string[],
): CustomerRange | null {
  const set = keys.filter((k) => (where as Record<string, unknown> | undefined)?.[k] !== undefined);
  if (set.length !== 1) return null;
  const key = set[0] as string;
  const filter = spec.filters[key] as { column: string; op: string } | undefined;
  if (filter?.op !== 'in' || !CUSTOMER_PAGE_INDEXES[spec.table]?.includes(filter.column)) return null;
  const value = (where as Record<string, unknown>)[key];
  const ids = (Array.isArray(value) ? value : [value]).map(String);
  // Each id once: the ranges are read one per id and their rows are not merged again.
  return { key, column: filter.column, ids: [...new Set(ids)] };
}
