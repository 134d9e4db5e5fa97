/**
 * A generated tenant loaded into a migrated SQLite file in bulk, for the read-path bench's seeds:
 * the same rows `TenantStore.importRows` writes (proved table by table by bench/seed-equality.ts).
 * The import inserts in short transactions into fully indexed tables, and each team row's trigger
 * updates its record's `team_owner_id` (four UPDATEs per team row); at 1M every inserted row costs
 * a page write per index (the WAL grows to ~10 pages a row). Here the rows are read twice: first
 * only the owner team rows, into a map; then every row goes in by one prepared INSERT per table,
 * in large transactions, with the tables' triggers and secondary indexes dropped, each record
 * carrying the `team_owner_id` the triggers would have derived. Indexes and triggers are then
 * made again from their saved SQL (an index built by sort). The users' trigger stays (the tenant's
 * org version counts them). Bench seeding only: a seed has the file to itself.
 */
import type { TenantRow } from '@gongfu/core';
import type BetterSqlite3 from 'better-sqlite3';
import { sqliteEngine } from '../packages/storage-sql/src/engine/sqlite-engine.js';
import {
  encodeTenantRow,
  TENANT_OWNED_TABLE_DEFS,
} from '../packages/storage-sql/src/stores/tenant-row-codec.js';
import { teamOwners } from './copy-seed-postgres.js';

/** Tables whose `team_owner_id` the team-row triggers derive (migration 0023). */
const TEAM_OWNED = new Set(['leads', 'opportunities', 'activities', 'cost_entries']);

/** Tables whose triggers stay during the load: the tenant's org version counts users. */
const TRIGGERS_KEPT = new Set(['users', 'tenants']);

/** Rows per transaction: large, as nothing else writes the file meanwhile. */
const ROWS_PER_COMMIT = 200_000;

const COLUMNS = new Map(
  TENANT_OWNED_TABLE_DEFS.map((d) => [
    d.name,
    ['tenant_id', ...d.columns.map(([c]) => c), ...(TEAM_OWNED.has(d.name) ? ['team_owner_id'] : [])],
  ]),
);

export interface BulkSeedOptions {
  db: BetterSqlite3.Database;
  tenant: { id: string; name: string; createdAt: string };
  /** The tenant's rows in export order; called twice (the owner rows first). */
  rows: () => Iterable<TenantRow>;
  onProgress?: (done: number) => void;
}

/** Loads the rows as a new tenant; returns the number of rows written. */
export function bulkSeedSqlite({ db, tenant, rows, onProgress }: BulkSeedOptions): number {
  const owners = teamOwners(rows());
  const tables = [...COLUMNS.keys()];
  const marks = tables.map(() => '?').join(', ');
  const saved = db
    .prepare(
      `select type, name, tbl_name as tableName, sql from sqlite_schema
       where type in ('index', 'trigger') and sql is not null and tbl_name in (${marks})`,
    )
    .all(...tables) as { type: string; name: string; tableName: string; sql: string }[];
  const dropped = saved.filter((s) => s.type === 'index' || !TRIGGERS_KEPT.has(s.tableName));
  db.pragma('synchronous = off');
  db.pragma('cache_size = -1048576');
  db.exec('begin');
  for (const s of dropped) db.exec(`drop ${s.type} ${quote(s.name)}`);
  db.prepare('insert into tenants (tenant_id, name, created_at) values (?, ?, ?)').run(
    tenant.id,
    tenant.name,
    sqliteEngine.encodeInstant(tenant.createdAt),
  );
  const inserts = new Map<string, BetterSqlite3.Statement>();
  const insertOf = (table: string) => {
    let statement = inserts.get(table);
    if (statement === undefined) {
      const columns = COLUMNS.get(table);
      if (columns === undefined) throw new Error(`unknown table ${table}`);
      statement = db.prepare(
        `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
      );
      inserts.set(table, statement);
    }
    return statement;
  };
  let done = 0;
  for (const row of rows()) {
    const cells = Object.values(encodeTenantRow(sqliteEngine, tenant.id, row));
    if (TEAM_OWNED.has(row.table)) cells.push(owners.get(row.row.team_key as string) ?? null);
    insertOf(row.table).run(...cells);
    if (++done % ROWS_PER_COMMIT === 0) {
      db.exec('commit');
      onProgress?.(done);
      db.exec('begin');
    }
  }
  for (const s of dropped.filter((d) => d.type === 'index')) db.exec(s.sql);
  for (const s of dropped.filter((d) => d.type === 'trigger')) db.exec(s.sql);
  db.exec('commit');
  db.pragma('synchronous = normal');
  onProgress?.(done);
  return done;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
