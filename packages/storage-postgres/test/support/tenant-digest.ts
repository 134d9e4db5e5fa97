/** Runs SQL with `search_path` set to the schema under test. */
type Query = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * Every table with a `tenant_id` column in the current schema (found in the catalogue, not listed),
 * each as an md5 of its rows' full text in a stable order, in one round trip: equal digests mean no
 * row of the tenant changed. Cheaper than an export, so a suite can take one after every attempt.
 */
export async function tenantDigest(query: Query, tenantId: string): Promise<Record<string, string>> {
  const tables = await query(
    `select table_name as name from information_schema.columns
      where table_schema = current_schema() and column_name = 'tenant_id' and table_name <> 'tenants'
      order by 1`,
  );
  const text = tables
    .map(
      ({ name }) =>
        `select '${String(name)}' as t, md5(coalesce(string_agg(r::text, E'\\n' order by r::text), '')) as h
           from "${String(name)}" r where r.tenant_id = $1`,
    )
    .join(' union all ');
  const rows = await query(text, [tenantId]);
  return Object.fromEntries(rows.map((r) => [String(r.t), String(r.h)]));
}
