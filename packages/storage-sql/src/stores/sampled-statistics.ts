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
 */
export function widenSampledStat(stat: string, rowsPerTenant: number): string {
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
    const widened = Math.min(previous, value >= sampled ? wide : value);
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
  for (const { idx, stat } of rows) {
    const total = Number(stat.split(' ')[0]);
    const widened = widenSampledStat(stat, total / tenants);
    if (widened !== stat)
      await sql`update sqlite_stat1 set stat = ${widened} where tbl = ${table} and idx = ${idx}`.execute(db);
  }
}
