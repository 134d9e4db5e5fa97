import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { bindsAsArguments } from './bound-arguments.js';
import type { BusyWait } from './busy-wait.js';
import { type RowBuilder, rowBuilder } from './row-builder.js';

/**
 * Kysely's SQLite driver calls `prepare(sql)` for every query; preparing costs more than running
 * a small insert. The stores emit a small, fixed set of SQL texts, so caching prepared statements
 * by text (bounded, least recently used out first) removes most of the per-command overhead.
 * Safe because the driver runs one statement at a time and never keeps an iterator open.
 */
/** A prepared statement with what the driver would otherwise ask the native side on every run. */
export interface PreparedStatement {
  /** DDL (create, alter, drop): after it runs, cached readers read their columns again. */
  readonly changesSchema: boolean;
  /** A writer as prepared; a reader in raw mode (rows as arrays: `rows` makes the objects). */
  readonly statement: Database.Statement;
  /** `statement.reader`, read once: the property is a native accessor, a call into C++ per read. */
  readonly reader: boolean;
  /** A reader's rows as objects keyed by column name, as better-sqlite3 gives them by default. */
  rows(parameters: readonly unknown[]): Record<string, unknown>[];
}

/** DDL: a column renamed keeps a `select *` as wide as it was, so width alone cannot tell. */
const SCHEMA_CHANGE = /^\s*(alter|drop|create)\b/i;

/** How many schema changes this connection has run: a reader built before the last one rebuilds. */
interface SchemaGeneration {
  count: number;
}

/** A cached reader: raw-mode statement, rows built by a literal of its columns (row-builder.ts). */
class CachedReader implements PreparedStatement {
  readonly reader = true;
  readonly changesSchema = false;
  private build: RowBuilder = () => ({});
  private width = -1;
  private builtAt = -1;

  constructor(
    readonly statement: Database.Statement,
    private readonly schema: SchemaGeneration,
  ) {
    statement.raw(true);
  }

  rows(parameters: readonly unknown[]): Record<string, unknown>[] {
    const rows = (
      bindsAsArguments(parameters) ? this.statement.all(...parameters) : this.statement.all(parameters)
    ) as unknown[];
    if (rows.length === 0) return rows as Record<string, unknown>[];
    // SQLite re-prepares a statement whose tables changed: a `select *` after a column was added or
    // dropped (perhaps by another connection) comes back wider or narrower, and one after a rename
    // here has the same width under other names. Either way the builder is made again.
    if ((rows[0] as unknown[]).length !== this.width || this.builtAt !== this.schema.count) this.rebuild();
    for (let i = 0; i < rows.length; i++) rows[i] = this.build(rows[i] as unknown[]);
    return rows as Record<string, unknown>[];
  }

  /** The builder for the statement's columns as they are now. */
  private rebuild(): void {
    const names = this.statement.columns().map((c) => c.name);
    this.build = rowBuilder(names);
    this.width = names.length;
    this.builtAt = this.schema.count;
  }
}

/** A cached writer (or BEGIN, COMMIT, DDL): run as prepared. */
class CachedWriter implements PreparedStatement {
  readonly reader = false;
  readonly changesSchema: boolean;

  constructor(readonly statement: Database.Statement) {
    this.changesSchema = SCHEMA_CHANGE.test(statement.source);
  }

  rows(): Record<string, unknown>[] {
    throw new TypeError('a statement that returns no rows has none to read');
  }
}

export class CachedStatements implements SqliteDatabase {
  private readonly cache = new Map<string, { readonly entry: PreparedStatement; lastUse: number }>();
  /** Uses so far: each cached statement keeps the count at its last use, for least-recently-used. */
  private uses = 0;
  private readonly schema: SchemaGeneration = { count: 0 };

  constructor(
    readonly database: Database.Database,
    private readonly capacity = 500,
    /** How a statement waits for a lock another connection holds; SQLite's own handler when absent. */
    readonly busy?: BusyWait,
  ) {}

  /**
   * Kysely's `SqliteDatabase` face: the statement in better-sqlite3's own modes. A reader is
   * prepared afresh here (the cached one is in raw mode); Gongfu's reads go through `prepared`.
   */
  prepare(sql: string): SqliteStatement {
    const entry = this.prepared(sql);
    const statement = entry.reader ? this.database.prepare(sql) : entry.statement;
    return statement as unknown as SqliteStatement;
  }

  /** The cached statement for this text, prepared on first use. */
  prepared(sql: string): PreparedStatement {
    const cached = this.cache.get(sql);
    if (cached !== undefined) {
      // Stamped, not re-inserted: a Map delete and set per statement (and the rehash their holes
      // cause) cost more than the rare scan for the oldest when the cache is full.
      cached.lastUse = ++this.uses;
      return cached.entry;
    }
    const statement = this.database.prepare(sql);
    if (this.cache.size >= this.capacity) this.evictLeastRecentlyUsed();
    const entry = statement.reader ? new CachedReader(statement, this.schema) : new CachedWriter(statement);
    this.cache.set(sql, { entry, lastUse: ++this.uses });
    return entry;
  }

  private evictLeastRecentlyUsed(): void {
    let oldest: string | undefined;
    let oldestUse = Number.POSITIVE_INFINITY;
    for (const [sql, { lastUse }] of this.cache) {
      if (lastUse < oldestUse) {
        oldest = sql;
        oldestUse = lastUse;
      }
    }
    if (oldest !== undefined) this.cache.delete(oldest);
  }

  /** A DDL statement ran: every cached reader reads its column names again before its next row. */
  schemaChanged(): void {
    this.schema.count++;
  }

  get size(): number {
    return this.cache.size;
  }

  close(): void {
    this.cache.clear();
    this.database.close();
  }
}
