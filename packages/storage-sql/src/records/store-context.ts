import type { TeamMemberRow } from '@gongfu/core';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import type { ExecuteFn, TxConnection } from '../sql-transactor.js';
import type { StampKind, TenantStamps } from '../stores/tenant-stamps.js';
import type { DocumentCache } from './document-cache.js';

export type ScopedPages = 'merge' | 'walk';

/** One record's stored columns, as the database returned or was given them (or derived from its document). */
export type StoredRow = Readonly<Record<string, unknown>>;

/**
 * What every store of one transaction shares: the transaction handle (never the root `db`, so no
 * statement escapes the transaction), the engine, and the tenant every statement is confined to.
 */
export interface StoreContext {
  readonly db: AnyDb;
  readonly engine: SqlEngine;
  readonly tenantId: string;
  /**
   * Runs already-compiled SQL on the transaction's connection. The engine package may supply a
   * path shorter than Kysely's executor (SQLite: the prepared statement, called directly).
   */
  readonly execute: ExecuteFn;
  /** A write nobody waits for (see `TxConnection.write`): PostgreSQL pipelines it. */
  readonly write: TxConnection['write'];
  /**
   * Teams read together with their records in this transaction (`TxConnection.prefetch`), by team
   * key; cleared by every team write. Absent where reads are cheap (SQLite).
   */
  readonly teams?: Map<string, TeamMemberRow[]>;
  /**
   * How a scoped page is read: `merge` (default) merges index ranges of the scope's keys where the
   * table carries them (`records/scoped-page.ts`); `walk` always walks the table newest first and
   * filters, the reference the merge is tested and measured against.
   */
  readonly scopedPages?: ScopedPages;
  /** Decoded documents the storage keeps between calls (the calendar's), by id, version and time. */
  readonly documents?: DocumentCache;
  /** The storage's remembered org and catalogue stamps, where reading one costs a round trip. */
  readonly stamps?: TenantStamps;
  /** What the stores of one transaction remember between statements (SQLite: the next history seq). */
  readonly memo: {
    nextSeq?: number;
    /** Stamps read (or assumed and checked) in this transaction: one statement per kind is enough. */
    stamps?: Partial<Record<StampKind, string>>;
    /**
     * The stored columns of records read or written in this transaction, by table and id, as the
     * store wrote them (`records/stored-columns.ts`; reminders: as read): an update then sets only
     * the columns whose value changes (`records/changed-columns.ts`).
     */
    rows?: Map<string, StoredRow>;
  };
}
