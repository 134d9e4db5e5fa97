import { sql } from 'kysely';
import type { AnyDb } from '../any-db.js';

/** Tenants counted per table before the count stops (each is one index seek). */
const TENANT_COUNT_LIMIT = 10_000;

/**
 * One `sqlite_stat1` row as a sampled ANALYZE left it, corrected for the tenant column. SQLite's
 * `analysis_limit` reads the first entries of each index only: every index begins with
 * `tenant_id`, so the sample sees one tenant and reports its rows per tenant as the sample size
 * (2,001 for a 1M-row table). The planner then believes a walk over the whole tenant costs 2,001
 * rows and prefers it to any selective index (a manager's week calendar walked 100k activities).
 * `rowsPerTenant` replaces that figure, and a deeper prefix the sample never saw end (as large as
 * the sample) is taken to be as large as the tenant; what the sample did resolve is kept.
 * `stat` is "rows avg1 avg2 … [options]"; the result never rises from one prefix to the next.
 *
 * `valuesAfterTenant`, where given, is how many distinct values the column after `tenant_id` takes
 * within a tenant (counted by the caller): a prefix of that column the sample never saw end then
 * holds the tenant's rows divided among them. Without it, a 1M-row tenant whose first 2,000
 * entries of `(tenant_id, owner_id, …)` all belong to one of its 200 owners was said to have 1M
 * rows per owner, and the team week calendar walked every activity instead of the fifty owners'
 * ranges (3.7 s at 1M).
 */
export function widenSampledStat(stat: string, rowsPerTenant: number, valuesAfterTenant?: number): string {
  const tokens = stat.split(' ');
  const numeric = tokens.findIndex((t, i) => i > 0 && !/^\d+$/.test(t));
  const end = numeric < 0 ? tokens.length : numeric;
  if (end < 2) return stat;
  const sampled = Number(tokens[1]);
  const wide = Math.max(1, Math.round(rowsPerTenant));
  if (sampled >= wide) return stat;
  const out = tokens.slice();
  let previous = wide;
  out[1] = String(wide);
  for (let i = 2; i < end; i++) {
    const value = Number(tokens[i]);
    const unseen =
      i === 2 && valuesAfterTenant !== undefined && valuesAfterTenant > 0
        ? Math.max(1, Math.round(wide / valuesAfterTenant))
        : wide;
    const widened = Math.min(previous, value >= sampled ? Math.max(value, unseen) : value);
    out[i] = String(widened);
    previous = widened;
  }
  return out.join(' ');
}

/** How many tenants own rows of `table`, one index seek each (at most TENANT_COUNT_LIMIT). */
async function tenantsIn(db: AnyDb, table: string): Promise<number> {
  let count = 0;
  let after = '';
  while (count < TENANT_COUNT_LIMIT) {
    const { rows } = await sql<{ tenant_id: string }>`select tenant_id from ${sql.table(table)}
      where tenant_id > ${after} order by tenant_id limit 1`.execute(db);
    const next = rows[0]?.tenant_id;
    if (next === undefined) break;
    count++;
    after = next;
  }
  return count;
}

/** Distinct values counted per column before the count stops (each is one index seek). */
const VALUE_COUNT_LIMIT = 1000;

/**
 * How many distinct values `column` (the one after `tenant_id` in an index) takes within `tenant`,
 * one index seek each, NULL counted as a value, at most VALUE_COUNT_LIMIT (past it the figure is an
 * upper bound on the rows per value, as the sample's own would be).
 */
async function valuesWithin(db: AnyDb, table: string, column: string, tenant: string): Promise<number> {
  const { rows: nulls } = await sql`select 1 as one from ${sql.table(table)}
    where tenant_id = ${tenant} and ${sql.ref(column)} is null limit 1`.execute(db);
  let count = nulls.length;
  let after: unknown = null;
  while (count < VALUE_COUNT_LIMIT) {
    const { rows } = await sql<{ v: unknown }>`select ${sql.ref(column)} as v from ${sql.table(table)}
      where tenant_id = ${tenant} and ${sql.ref(column)} ${after === null ? sql`is not null` : sql`> ${after}`}
      order by ${sql.ref(column)} limit 1`.execute(db);
    const next = rows[0]?.v;
    if (next === undefined) break;
    count++;
    after = next;
  }
  return count;
}

/** The column after `tenant_id` in `index`, if the index begins with it. */
async function columnAfterTenant(db: AnyDb, index: string): Promise<string | undefined> {
  const { rows } = await sql<{ seqno: number; name: string | null }>`select seqno, name
    from pragma_index_info(${index}) order by seqno`.execute(db);
  return rows[0]?.name === 'tenant_id' ? (rows[1]?.name ?? undefined) : undefined;
}

/** Whether the sample left the column after the tenant unresolved (as large as the sample). */
function secondUnresolved(stat: string): boolean {
  const [, sampled, second] = stat.split(' ').map(Number);
  return sampled !== undefined && second !== undefined && !Number.isNaN(second) && second >= sampled;
}

/**
 * After a sampled ANALYZE of `table` (SQLite): its statistics with the tenant column widened to
 * the table's rows per tenant. A few index seeks and one short write; the caller reloads the
 * statistics (`analyze sqlite_schema`) once every table is done.
 */
export async function widenTenantStatistics(db: AnyDb, table: string): Promise<void> {
  const { rows } = await sql<{ idx: string; stat: string }>`select idx, stat from sqlite_stat1
    where tbl = ${table} and idx is not null`.execute(db);
  if (rows.length === 0) return;
  const tenants = await tenantsIn(db, table);
  if (tenants === 0) return;
  const first = await sql<{ tenant_id: string }>`select tenant_id from ${sql.table(table)}
    order by tenant_id limit 1`.execute(db);
  // The sample read the first tenant's entries: its values stand for every tenant's.
  const sampledTenant = first.rows[0]?.tenant_id as string;
  for (const { idx, stat } of rows) {
    const total = Number(stat.split(' ')[0]);
    const column = secondUnresolved(stat) ? await columnAfterTenant(db, idx) : undefined;
    const values = column === undefined ? undefined : await valuesWithin(db, table, column, sampledTenant);
    const widened = widenSampledStat(stat, total / tenants, values);
    if (widened !== stat)
      await sql`update sqlite_stat1 set stat = ${widened} where tbl = ${table} and idx = ${idx}`.execute(db);
  }
}
