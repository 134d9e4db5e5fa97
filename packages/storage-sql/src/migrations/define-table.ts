import { sql } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { ColumnKind, SqlEngine } from '../engine/sql-engine.js';

/** `[name, kind, nullable?]`; columns are NOT NULL unless marked nullable. */
export type ColumnDef = readonly [name: string, kind: ColumnKind, nullable?: 'null'];

export interface TableDef {
  name: string;
  columns: readonly ColumnDef[];
  /** Key columns AFTER tenant_id, which every key, index and foreign key gets prepended. */
  primaryKey: readonly string[];
  unique?: readonly (readonly string[])[];
  indexes?: readonly (readonly string[])[];
  /** False only for `tenants` itself. */
  tenantForeignKey?: boolean;
}

/**
 * Creates one table with `tenant_id` leading its primary key, unique constraints, indexes and
 * foreign key — by construction, so no table can forget it (tenant isolation, and ready for
 * distribution by tenant).
 */
export async function defineTable(db: AnyDb, engine: SqlEngine, def: TableDef): Promise<void> {
  const withTenant = (cols: readonly string[]) => ['tenant_id', ...cols];
  let table = db.schema.createTable(def.name).addColumn('tenant_id', 'text', (c) => c.notNull());
  for (const [name, kind, nullable] of def.columns) {
    table = table.addColumn(name, engine.types[kind], (c) => (nullable ? c : c.notNull()));
  }
  table = table.addPrimaryKeyConstraint(`${def.name}_pk`, withTenant(def.primaryKey) as never);
  for (const cols of def.unique ?? []) {
    table = table.addUniqueConstraint(`${def.name}_${cols.join('_')}_uq`, withTenant(cols) as never);
  }
  if (def.tenantForeignKey !== false) {
    table = table.addForeignKeyConstraint(`${def.name}_tenant_fk`, ['tenant_id'] as never, 'tenants', [
      'tenant_id',
    ]);
  }
  await table.execute();
  for (const cols of def.indexes ?? []) {
    await db.schema
      .createIndex(`${def.name}_${cols.join('_')}_ix`)
      .on(def.name)
      .columns(withTenant(cols))
      .execute();
  }
}

/** Columns every versioned aggregate has: the full record as JSON plus what lists and scopes use. */
export const VERSIONED_COLUMNS: readonly ColumnDef[] = [
  ['id', 'text'],
  ['version', 'int'],
  ['created_at', 'instant'],
  ['updated_at', 'instant'],
  ['owner_id', 'text', 'null'],
  ['team_key', 'text'],
  ['doc', 'json'],
];

/** Access paths every versioned aggregate has: newest-first pages, by owner, by governing team. */
export const VERSIONED_INDEXES: readonly (readonly string[])[] = [
  ['created_at', 'id'],
  ['owner_id', 'created_at'],
  ['team_key'],
];

export function versionedTable(
  name: string,
  columns: readonly ColumnDef[],
  extra: { unique?: readonly (readonly string[])[]; indexes?: readonly (readonly string[])[] } = {},
): TableDef {
  return {
    name,
    columns: [...VERSIONED_COLUMNS, ...columns],
    primaryKey: ['id'],
    unique: extra.unique ?? [],
    indexes: [...VERSIONED_INDEXES, ...(extra.indexes ?? [])],
  };
}

/** Adds nullable columns to an existing table (a later migration's columns; no default, no rewrite). */
export async function addNullableColumns(
  db: AnyDb,
  engine: SqlEngine,
  table: string,
  columns: readonly ColumnDef[],
): Promise<void> {
  for (const [name, kind] of columns) {
    await sql`alter table ${sql.raw(table)} add column ${sql.raw(name)} ${sql.raw(engine.types[kind])}`.execute(
      db,
    );
  }
}
