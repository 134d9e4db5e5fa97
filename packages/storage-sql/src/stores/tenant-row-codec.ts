import { type FieldIssue, isCalendarDate, type TenantRow, ValidationError } from '@gongfu/core';
import type { AnyRow } from '../any-db.js';
import { type ColumnKind, encodeCell, type SqlEngine } from '../engine/sql-engine.js';
import { RECORD_TABLES_0001 } from '../migrations/0001-record-tables.js';
import { SUPPORT_TABLES_0001 } from '../migrations/0001-support-tables.js';
import { DEDUPE_TABLES_0006 } from '../migrations/0006-dedupe-keys.js';
import { COUNTER_TABLES_0007 } from '../migrations/0007-counters.js';
import { DEDUPE_WEIGHT_TABLES_0010 } from '../migrations/0010-dedupe-weights.js';
import { REMINDER_FENCE_COLUMNS_0045 } from '../migrations/0045-reminder-fences.js';
import { REMINDER_MESSAGE_COLUMNS_0060 } from '../migrations/0060-reminder-message-keys.js';
import { CONFIG_TABLES_0071 } from '../migrations/0071-tenant-configs.js';
import { QUOTA_TABLES_0080 } from '../migrations/0080-quotas.js';
import { SEARCH_TABLES_0085 } from '../migrations/0085-search-terms.js';
import { IMPORT_LEDGER_TABLES_0090 } from '../migrations/0090-import-ledger.js';
import { DEDUPE_STAMP_TABLES_0131 } from '../migrations/0131-dedupe-stamps.js';
import { DEDUPE_ROW_TABLES_0133 } from '../migrations/0133-dedupe-rows.js';
import type { TableDef } from '../migrations/define-table.js';

/**
 * Columns later migrations added to tables made earlier. Each holds something the store writes
 * beside the document (what lists filter on, who a search key is visible to); an export that left
 * one out would import a tenant whose lists and searches quietly miss rows. `team_owner_id` (0023)
 * is not here: triggers derive it on insert from the team rows, which are exported.
 */
const ADDED_COLUMNS: Readonly<Record<string, TableDef['columns']>> = {
  reminders: [...REMINDER_MESSAGE_COLUMNS_0060, ...REMINDER_FENCE_COLUMNS_0045],
  opportunities: [['end_customer_id', 'text', 'null']],
  activities: [
    ['contact_id', 'text', 'null'],
    ['order_id', 'text', 'null'],
    ['service_case_id', 'text', 'null'],
    ['regarding_kind', 'text', 'null'],
  ],
  search_terms: [
    ['owner_id', 'text', 'null'],
    ['team_key', 'text', 'null'],
  ],
};

/** A table as later migrations left it: their added columns after the ones it was created with. */
const withAddedColumns = (def: TableDef): TableDef => {
  const added = ADDED_COLUMNS[def.name];
  return added ? { ...def, columns: [...def.columns, ...added] } : def;
};

/**
 * Every table holding tenant rows, in export order; a later migration that adds a table (or a
 * column) must add it here, or exports would silently drop it.
 */
export const TENANT_OWNED_TABLE_DEFS: readonly TableDef[] = [
  ...RECORD_TABLES_0001.map(withAddedColumns),
  ...SUPPORT_TABLES_0001.map(withAddedColumns),
  ...DEDUPE_TABLES_0006,
  ...COUNTER_TABLES_0007,
  ...DEDUPE_WEIGHT_TABLES_0010,
  ...QUOTA_TABLES_0080,
  ...SEARCH_TABLES_0085.map(withAddedColumns),
  ...IMPORT_LEDGER_TABLES_0090,
  ...CONFIG_TABLES_0071,
  ...DEDUPE_STAMP_TABLES_0131,
  ...DEDUPE_ROW_TABLES_0133,
];

const DEFS = new Map(TENANT_OWNED_TABLE_DEFS.map((def) => [def.name, def]));

/** Each table's column names, made once: an import checks every row against them. */
const COLUMN_NAMES = new Map(
  TENANT_OWNED_TABLE_DEFS.map((def) => [def.name, new Set(def.columns.map(([name]) => name))]),
);

/**
 * Driver value → engine-neutral JSON value. Both engines decode to the same canonical forms
 * (instants as `toISOString()`, money as a number), so an export never says which engine wrote it.
 */
function decodeCell(engine: SqlEngine, kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'instant':
      return engine.decodeInstant(value);
    case 'date':
      return engine.decodeDate(value);
    case 'json':
      return engine.decodeJson(value);
    case 'bool':
      return engine.decodeBool(value);
    case 'int':
    case 'bigint':
    case 'money':
      return engine.decodeInt(value);
    case 'text':
      return value;
  }
}

export function decodeTenantRow(engine: SqlEngine, def: TableDef, raw: AnyRow): TenantRow {
  const row: Record<string, unknown> = {};
  for (const [name, kind] of def.columns) row[name] = decodeCell(engine, kind, raw[name]);
  return { table: def.name, row };
}

/** Code point order (what SQLite's binary and PostgreSQL's "C" collation give), not UTF-16 unit order. */
function compareText(x: string, y: string): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const a = x.codePointAt(i) as number;
    const b = y.codePointAt(i) as number;
    if (a !== b) return a < b ? -1 : 1;
    if (a > 0xffff) i++;
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

/**
 * Primary-key order in code point order, whatever the engine: the streamed export reads it from
 * the database (SQLite's binary order, PostgreSQL under the "C" collation) and the buffered one
 * sorts here, and an export must not depend on the engine that produced it.
 */
export function compareByKey(def: TableDef, a: TenantRow, b: TenantRow): number {
  for (const column of def.primaryKey) {
    const x = a.row[column] as string | number;
    const y = b.row[column] as string | number;
    if (x === y) continue;
    if (typeof x === 'string' && typeof y === 'string') return compareText(x, y);
    return x < y ? -1 : 1;
  }
  return 0;
}

const INTEGER_KINDS = new Set<ColumnKind>(['int', 'bigint', 'money']);

function cellIssue(kind: ColumnKind, value: unknown): string | null {
  if (kind === 'text') return typeof value === 'string' ? null : 'expected a string';
  if (INTEGER_KINDS.has(kind)) return Number.isSafeInteger(value) ? null : 'expected a safe integer';
  if (kind === 'bool') return typeof value === 'boolean' ? null : 'expected a boolean';
  if (kind === 'date')
    return typeof value === 'string' && isCalendarDate(value) ? null : 'expected a YYYY-MM-DD date';
  if (kind === 'instant')
    return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? null : 'expected an ISO instant';
  return value === undefined ? 'expected a JSON value' : null;
}

/**
 * Checks one imported row against its table: known table, exactly the table's columns, each
 * value of the column's kind, nulls only where the column allows them. Returns the issues.
 */
export function checkTenantRow(row: TenantRow, index: number): FieldIssue[] {
  const at = `rows.${index}`;
  const def = DEFS.get(row.table);
  if (def === undefined) return [{ field: `${at}.table`, message: `unknown table ${String(row.table)}` }];
  if (typeof row.row !== 'object' || row.row === null)
    return [{ field: `${at}.row`, message: 'expected an object' }];
  const issues: FieldIssue[] = [];
  const known = COLUMN_NAMES.get(row.table) as Set<string>;
  for (const key of Object.keys(row.row)) {
    if (!known.has(key)) issues.push({ field: `${at}.${row.table}.${key}`, message: 'unknown column' });
  }
  for (const [name, kind, nullable] of def.columns) {
    const value = row.row[name];
    // An export written before a nullable column was added simply lacks it: it reads as null.
    if ((value === null || value === undefined) && nullable) continue;
    const problem = value === null ? 'must not be null' : cellIssue(kind, value);
    if (problem !== null) issues.push({ field: `${at}.${row.table}.${name}`, message: problem });
  }
  return issues;
}

/** Checks rows that start at position `offset` of the import (issues name the absolute index). */
export function assertTenantRows(rows: readonly TenantRow[], offset = 0): void {
  const issues: FieldIssue[] = [];
  // Enough to fix a broken file, without building a million issues for a wholly wrong one.
  for (let i = 0; i < rows.length && issues.length < 20; i++)
    issues.push(...checkTenantRow(rows[i] as TenantRow, offset + i));
  if (issues.length > 0) throw new ValidationError(issues);
}

/** A checked row → the values to insert under `tenantId`. */
export function encodeTenantRow(engine: SqlEngine, tenantId: string, row: TenantRow): AnyRow {
  const def = DEFS.get(row.table) as TableDef;
  const out: AnyRow = { tenant_id: tenantId };
  for (const [name, kind] of def.columns) out[name] = encodeCell(engine, kind, row.row[name]);
  return out;
}
