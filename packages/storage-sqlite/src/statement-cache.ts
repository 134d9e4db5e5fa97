import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import type { BusyWait } from './busy-wait.js';

/**
 * Kysely's SQLite driver calls `prepare(sql)` for every query; preparing costs more than running
 * a small insert. The stores emit a small, fixed set of SQL texts, so caching prepared statements
 * by text (bounded, least recently used out first) removes most of the per-command overhead.
 * Safe because the driver runs one statement at a time and never keeps an iterator open.
 */
/** A prepared statement with what the driver would otherwise ask the native side on every run. */
export interface PreparedStatement {
  readonly statement: Database.Statement;
  /** `statement.reader`, read once: the property is a native accessor, a call into C++ per read. */
  readonly reader: boolean;
}

export class CachedStatements implements SqliteDatabase {
  private readonly cache = new Map<string, PreparedStatement>();

  constructor(
    readonly database: Database.Database,
    private readonly capacity = 500,
    /** How a statement waits for a lock another connection holds; SQLite's own handler when absent. */
    readonly busy?: BusyWait,
  ) {}

  prepare(sql: string): SqliteStatement {
    return this.prepared(sql).statement as unknown as SqliteStatement;
  }

  /** The cached statement for this text, prepared on first use. */
  prepared(sql: string): PreparedStatement {
    const cached = this.cache.get(sql);
    if (cached !== undefined) {
      // Re-insert to mark as most recently used (Map keeps insertion order).
      this.cache.delete(sql);
      this.cache.set(sql, cached);
      return cached;
    }
    const statement = this.database.prepare(sql);
    if (this.cache.size >= this.capacity) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    const entry = { statement, reader: statement.reader };
    this.cache.set(sql, entry);
    return entry;
  }

  get size(): number {
    return this.cache.size;
  }

  close(): void {
    this.cache.clear();
    this.database.close();
  }
}
