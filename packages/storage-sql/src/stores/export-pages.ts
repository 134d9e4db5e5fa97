import { sql } from 'kysely';
import type { AnyDb, AnyRow } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import type { TableDef } from '../migrations/define-table.js';

/** Rows fetched per page of an export. */
const PAGE = 2000;

/**
 * A read-only transaction on a connection of its own, for a streamed export: it sees one snapshot
 * for as long as the export runs and holds nothing the storage's commands need (SQLite: a second
 * connection to the file; PostgreSQL: one client of the pool).
 */
export interface ExportSnapshot {
  /** Kysely inside the snapshot transaction. */
  readonly db: AnyDb;
  /** Ends the transaction and gives the connection back. */
  end(): Promise<void>;
}

const isText = (def: TableDef, column: string) =>
  def.columns.find(([name]) => name === column)?.[1] === 'text';

/**
 * One table's rows of the tenant in primary-key order — code point order for text, on both
 * engines, as the buffered export sorts — a page at a time. SQLite walks its primary key (binary
 * order is code point order) from the last key seen. PostgreSQL sorts once under the "C" collation
 * (the key's index follows the database collation, which may not be byte order) and is read
 * through a cursor.
 */
export async function* tablePages(
  snapshot: ExportSnapshot,
  engine: SqlEngine,
  def: TableDef,
  tenantId: string,
): AsyncGenerator<AnyRow[]> {
  const key = def.primaryKey;
  if (key.length === 0) {
    // Keyed by the tenant alone (dedupe_stamps): one row at most, nothing to order or page by.
    const rows: AnyRow[] = await snapshot.db
      .selectFrom(def.name)
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .execute();
    if (rows.length > 0) yield rows;
    return;
  }
  if (engine.name === 'postgres') {
    const order = sql.join(key.map((c) => (isText(def, c) ? sql`${sql.ref(c)} collate "C"` : sql.ref(c))));
    await sql`declare gongfu_export no scroll cursor for
      select * from ${sql.table(def.name)} where tenant_id = ${tenantId} order by ${order}`.execute(
      snapshot.db,
    );
    try {
      for (;;) {
        const { rows } = await sql<AnyRow>`fetch ${sql.lit(PAGE)} from gongfu_export`.execute(snapshot.db);
        if (rows.length === 0) return;
        yield rows;
      }
    } finally {
      // After a failed fetch the transaction is aborted and CLOSE would fail too; ending it discards the cursor.
      await sql`close gongfu_export`.execute(snapshot.db).catch(() => undefined);
    }
  }
  let after: unknown[] | null = null;
  for (;;) {
    const columns = sql.join(key.map((c) => sql.ref(c)));
    const since: unknown[] | null = after;
    const rows: AnyRow[] = await snapshot.db
      .selectFrom(def.name)
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .$if(since !== null, (qb) =>
        qb.where(sql<boolean>`(${columns}) > (${sql.join((since ?? []).map((v) => sql.val(v)))})`),
      )
      // One orderBy per key column: Kysely deprecates (and warns on every page about) an array.
      .$call((qb) => key.reduce((ordered, c) => ordered.orderBy(sql.ref(c)), qb))
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1] as AnyRow;
    after = key.map((c) => last[c]);
    if (rows.length < PAGE) return;
  }
}
