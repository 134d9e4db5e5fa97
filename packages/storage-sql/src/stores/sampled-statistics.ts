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

/** A partial index's WHERE as an extra condition (nothing for a whole index). */
const alsoWhere = (where: string | undefined) => (where === undefined ? sql`` : sql`and (${sql.raw(where)})`);
/** A partial index's WHERE as the statement's only condition (nothing for a whole index). */
const onlyWhere = (where: string | undefined) =>
  where === undefined ? sql`` : sql`where (${sql.raw(where)})`;

/**
 * How many tenants own rows of `table` (of those a partial index holds, `where`), one index seek
 * each (at most TENANT_COUNT_LIMIT).
 */
async function tenantsIn(db: AnyDb, table: string, where?: string): Promise<number> {
  let count = 0;
  let after = '';
  while (count < TENANT_COUNT_LIMIT) {
    const { rows } = await sql<{ tenant_id: string }>`select tenant_id from ${sql.table(table)}
      where tenant_id > ${after} ${alsoWhere(where)} order by tenant_id limit 1`.execute(db);
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
async function valuesWithin(
  db: AnyDb,
  table: string,
  column: string,
  tenant: string,
  where?: string,
): Promise<number> {
  const { rows: nulls } = await sql`select 1 as one from ${sql.table(table)}
    where tenant_id = ${tenant} and ${sql.ref(column)} is null ${alsoWhere(where)} limit 1`.execute(db);
  let count = nulls.length;
  let after: unknown = null;
  while (count < VALUE_COUNT_LIMIT) {
    const { rows } = await sql<{ v: unknown }>`select ${sql.ref(column)} as v from ${sql.table(table)}
      where tenant_id = ${tenant} and ${sql.ref(column)} ${after === null ? sql`is not null` : sql`> ${after}`}
      ${alsoWhere(where)} order by ${sql.ref(column)} limit 1`.execute(db);
    const next = rows[0]?.v;
    if (next === undefined) break;
    count++;
    after = next;
  }
  return count;
}

/** Whether the sample left the column after the tenant unresolved (as large as the sample). */
function secondUnresolved(stat: string): boolean {
  const [, sampled, second] = stat.split(' ').map(Number);
  return sampled !== undefined && second !== undefined && !Number.isNaN(second) && second >= sampled;
}

/** Entries of each index read for its statistics: what SQLite's ANALYZE reads under `analysis_limit` 2000. */
const SAMPLE_ENTRIES = 2001;

/** An index of a tenant table: its key columns in order and, for a partial index, its WHERE. */
interface IndexShape {
  name: string;
  columns: string[];
  where?: string;
}

/**
 * The statistics rows (`sqlite_stat1`) of one table, read by `readTenantStatistics`: one per index
 * (`idx` null: the table's own row count, which ANALYZE writes for a table without a whole index).
 */
export interface TableStatistics {
  table: string;
  rows: { idx: string | null; stat: string }[];
}

/** `table`'s indexes: names, key columns, and the WHERE of a partial one (from its CREATE INDEX). */
async function indexesOf(db: AnyDb, table: string): Promise<IndexShape[]> {
  const { rows: list } = await sql<{ name: string; partial: number }>`select name, partial
    from pragma_index_list(${table})`.execute(db);
  const shapes: IndexShape[] = [];
  for (const { name, partial } of list) {
    const { rows: columns } = await sql<{ name: string | null }>`select name from pragma_index_info(${name})
      order by seqno`.execute(db);
    // An index on an expression has no column name: not one of Gongfu's, left to the planner's defaults.
    if (columns.some((c) => c.name === null)) continue;
    const shape: IndexShape = { name, columns: columns.map((c) => c.name as string) };
    if (partial === 1) {
      const { rows } = await sql<{ sql: string }>`select sql from sqlite_schema
        where type = 'index' and name = ${name}`.execute(db);
      const where = /\)\s*where\s+(.+)$/is.exec(rows[0]?.sql ?? '')?.[1];
      // Every partial index Gongfu makes ends with its WHERE: one that does not is refused, not skipped
      // (its old figures would be dropped with the table's).
      if (where === undefined) throw new Error(`the WHERE of partial index ${name} was not found`);
      shape.where = where;
    }
    shapes.push(shape);
  }
  return shapes;
}

/** A value as a key for comparing neighbouring entries (a blob by its bytes, never equal to a text). */
const entryKey = (v: unknown) => (v instanceof Uint8Array ? `blob:${Buffer.from(v).toString('hex')}` : v);

/**
 * The average entries per distinct prefix as SQLite's ANALYZE writes it (`statGet`): rounded up,
 * except that an average of at most 1.1 is written 1 (a prefix nearly unique is taken as unique).
 */
export function averagePerPrefix(entries: number, distinct: number): number {
  const d = Math.max(1, distinct);
  const average = Math.ceil(entries / d);
  return average === 2 && entries * 10 <= d * 11 ? 1 : average;
}

/**
 * One index's `sqlite_stat1` figures from a sample as a sampled ANALYZE computes them: the index's
 * entries counted, then over its first SAMPLE_ENTRIES entries (in index order) the average entries
 * per distinct prefix for each prefix of its key columns; and the tenant of its first entry.
 * Where the first tenant holds more than the sample, SQLite's own sample goes on past it (it seeks
 * to the next tenant's entries); this one stays within the first tenant, the one whose values
 * `valuesWithin` counts, so the figures and the widening describe the same tenant.
 */
async function sampledStat(
  db: AnyDb,
  table: string,
  index: IndexShape,
  entries: number,
): Promise<{ stat: string; firstTenant: unknown }> {
  const columns = sql.join(index.columns.map((c) => sql.ref(c)));
  const { rows } = await sql<Record<string, unknown>>`select ${columns} from ${sql.table(table)}
    indexed by ${sql.id(index.name)} ${onlyWhere(index.where)} order by ${columns} limit ${SAMPLE_ENTRIES}`.execute(
    db,
  );
  const distinct = index.columns.map(() => 0);
  let previous: unknown[] | undefined;
  for (const row of rows) {
    const values = index.columns.map((c) => entryKey(row[c]));
    // The first column differing from the entry before: every prefix from it on is a new one.
    const from = previous === undefined ? 0 : values.findIndex((v, i) => v !== previous?.[i]);
    if (from >= 0) for (let i = from; i < distinct.length; i++) distinct[i] = (distinct[i] ?? 0) + 1;
    previous = values;
  }
  const sampled = rows.length;
  return {
    stat: [entries, ...distinct.map((d) => averagePerPrefix(sampled, d))].join(' '),
    firstTenant: rows[0]?.tenant_id,
  };
}

/**
 * `table`'s planner statistics (SQLite), computed by reads — no ANALYZE: a sampled ANALYZE still
 * counts every entry of each index holding the write lock (3.5 s for the deals table of a 1M
 * import, 1.4 s for its search terms; commands beside it waited up to 2.4 s). Run it in a read
 * transaction (one snapshot, no lock) and hand the result to `writeTenantStatistics`. Each index
 * gets what a sampled ANALYZE would write (`sampledStat`: the same figures wherever SQLite's sample
 * ends within the first tenant), widened for the tenant column (`widenSampledStat`): its entries
 * counted, its first entries sampled, the tenants and the sampled tenant's values after the tenant
 * column counted by index seeks (within a partial index, among the rows it holds).
 */
export async function readTenantStatistics(db: AnyDb, table: string): Promise<TableStatistics> {
  const indexes = await indexesOf(db, table);
  const out: TableStatistics = { table, rows: [] };
  const count = async (where?: string) => {
    const { rows } = await sql<{
      n: number;
    }>`select count(*) as n from ${sql.table(table)} ${onlyWhere(where)}`.execute(db);
    return Number(rows[0]?.n ?? 0);
  };
  const total = await count();
  // Tenants counted once per WHERE (every whole index shares one count).
  const tenantsOf = new Map<string, number>();
  for (const index of indexes) {
    const entries = index.where === undefined ? total : await count(index.where);
    // As ANALYZE: a partial index holding nothing gets zeros (the planner then knows it is empty),
    // a whole index of an empty table no row.
    if (entries === 0) {
      if (index.where !== undefined)
        out.rows.push({
          idx: index.name,
          stat: Array(index.columns.length + 1)
            .fill(0)
            .join(' '),
        });
      continue;
    }
    const { stat, firstTenant } = await sampledStat(db, table, index, entries);
    if (index.columns[0] !== 'tenant_id' || typeof firstTenant !== 'string') {
      out.rows.push({ idx: index.name, stat });
      continue;
    }
    // The sample read its first tenant's entries: that tenant's values stand for every tenant's.
    const tenantsKey = index.where ?? '';
    const tenants = tenantsOf.get(tenantsKey) ?? (await tenantsIn(db, table, index.where));
    tenantsOf.set(tenantsKey, tenants);
    const column = secondUnresolved(stat) ? index.columns[1] : undefined;
    const values =
      column === undefined ? undefined : await valuesWithin(db, table, column, firstTenant, index.where);
    out.rows.push({ idx: index.name, stat: widenSampledStat(stat, entries / Math.max(1, tenants), values) });
  }
  // A table without a whole index: its row count on a row of its own, as ANALYZE writes it.
  if (total > 0 && indexes.every((index) => index.where !== undefined))
    out.rows.push({ idx: null, stat: String(total) });
  return out;
}

/**
 * Writes what `readTenantStatistics` read, in the caller's (short) write transaction: each table's
 * rows replace its old ones, its `sqlite_stat4` samples go as a sampled ANALYZE drops them, and the
 * connection loads them (`analyze sqlite_schema`, which also creates the tables the first time: only
 * then is it run before the writes too).
 */
export async function writeTenantStatistics(db: AnyDb, tables: readonly TableStatistics[]): Promise<void> {
  const { rows: present } = await sql<{ name: string }>`
    select name from sqlite_schema where name in ('sqlite_stat1', 'sqlite_stat4')`.execute(db);
  if (!present.some((r) => r.name === 'sqlite_stat1')) await sql`analyze sqlite_schema`.execute(db);
  const hasStat4 = present.some((r) => r.name === 'sqlite_stat4');
  for (const { table, rows } of tables) {
    await sql`delete from sqlite_stat1 where tbl = ${table}`.execute(db);
    if (hasStat4) await sql`delete from sqlite_stat4 where tbl = ${table}`.execute(db);
    for (const { idx, stat } of rows)
      await sql`insert into sqlite_stat1 (tbl, idx, stat) values (${table}, ${idx}, ${stat})`.execute(db);
  }
  await sql`analyze sqlite_schema`.execute(db);
}

/**
 * Every table's statistics refreshed without ANALYZE (SQLite): read a table at a time, each in a
 * transaction of `inRead`'s (a read: no lock held), then written in one of `inWrite`'s (a short
 * write transaction).
 */
export async function refreshTenantStatistics(
  tables: readonly string[],
  inRead: (fn: (db: AnyDb) => Promise<TableStatistics>) => Promise<TableStatistics>,
  inWrite: (fn: (db: AnyDb) => Promise<void>) => Promise<void>,
): Promise<void> {
  const read: TableStatistics[] = [];
  for (const table of tables) read.push(await inRead((db) => readTenantStatistics(db, table)));
  await inWrite((db) => writeTenantStatistics(db, read));
}
