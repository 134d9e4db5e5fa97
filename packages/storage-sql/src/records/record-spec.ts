import type { RecordBase } from '@gongfu/core';
import type { ColumnKind } from '../engine/sql-engine.js';

/**
 * How a filter key becomes SQL:
 * - `in`: column IN (values); an empty list matches nothing.
 * - `eq`: column = value; null means IS NULL.
 * - `range`: from ≤ column < to, either end open (values encoded by the column's kind).
 * - `text`: case-insensitive substring of the column.
 * - `bool`: column = value.
 * - `isNull`: true → column IS NULL, false → IS NOT NULL.
 * - `custom`: per named custom field of the JSON document, equal to a value or within a range.
 */
export type FilterOp = 'in' | 'eq' | 'range' | 'text' | 'bool' | 'isNull' | 'custom';

export interface FilterSpec {
  column: string;
  op: FilterOp;
}

/**
 * One table of versioned records, described once; the generic store derives every statement
 * (insert, compare-and-set update, get, list, count) from it.
 */
export interface RecordSpec<T extends RecordBase, F> {
  /** Entity name used in errors (`ConcurrencyError.entity`). */
  entity: string;
  table: string;
  /** Projected columns beyond the common ones (id, version, timestamps, owner_id, team_key, doc). */
  columns: Readonly<Record<string, ColumnKind>>;
  project(record: T): Record<string, unknown>;
  ownerId(record: T): string | null;
  /** The governing team whose members may see the row: core's `teamKeyOf`, so SQL and policy agree. */
  teamKey(record: T): string;
  /**
   * A customer row (account, contact) whose team_key is its account id: the teams of the deals on
   * that account read it too (core's `dealTeamGrants`).
   */
  readByDealTeams?: true;
  /**
   * Records whose readers read this row too (core's `ProtectedRecord.subject`): the row names one
   * in `column` (only where `onlyWhere` = [column, value] holds, when given), and whoever that
   * record's own scope lets see it sees this row, at read level only.
   */
  readThrough?: readonly ReadThrough[];
  /**
   * The table carries `team_owner_id` and the page indexes of migration 0023, so a small scope's
   * page is merged from index ranges (`scoped-page.ts`) instead of walked.
   */
  scopeKeyed?: true;
  filters: { readonly [K in keyof Required<F>]: FilterSpec };
}

/** Kinds of the columns every versioned table has. */
export const BASE_COLUMN_KINDS: Readonly<Record<string, ColumnKind>> = {
  id: 'text',
  version: 'int',
  created_at: 'instant',
  updated_at: 'instant',
  owner_id: 'text',
  team_key: 'text',
  doc: 'json',
};

/** Lower-cased, newline-joined text of the given parts, for `text` filters. */
export function searchText(...parts: readonly (string | null | undefined | readonly string[])[]): string {
  return parts
    .flat()
    .filter((p): p is string => typeof p === 'string' && p.length > 0)
    .join('\n')
    .toLowerCase();
}

/** The app's custom fields, read from the record document. */
export const customFilter: FilterSpec = { column: 'doc', op: 'custom' };

/** Shorthand for the filters almost every table has. */
export const inCol = (column: string): FilterSpec => ({ column, op: 'in' });

/** One record kind a row is read through (see `RecordSpec.readThrough`). */
export interface ReadThrough {
  column: string;
  // biome-ignore lint/suspicious/noExplicitAny: any record spec; only its table and scope are read.
  spec: Pick<RecordSpec<any, any>, 'table' | 'readByDealTeams'>;
  onlyWhere?: readonly [column: string, value: string];
}
