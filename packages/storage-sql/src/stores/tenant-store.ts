import {
  ConflictError,
  isCrmError,
  NotFoundError,
  type Tenant,
  type TenantRow,
  type TenantStore,
} from '@gongfu/core';
import { sql } from 'kysely';
import type { AnyDb, AnyRow } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { raiseOrderNumberCounters } from '../migrations/0007-counters.js';
import { FEED_TABLES } from '../migrations/0030-change-feed.js';
import type { StoreContext } from '../records/store-context.js';
import { kyselyConnection } from '../sql-transactor.js';
import { writeRows } from './batched-write.js';
import { type ExportSnapshot, tablePages } from './export-pages.js';
import {
  assertTenantRows,
  compareByKey,
  decodeTenantRow,
  encodeTenantRow,
  TENANT_OWNED_TABLE_DEFS,
} from './tenant-row-codec.js';

/** Every table holding tenant rows; a later migration that adds a table must add it to the codec. */
export const TENANT_OWNED_TABLES: readonly string[] = TENANT_OWNED_TABLE_DEFS.map((t) => t.name);

/**
 * Bound parameters per multi-row INSERT of an import: a table's rows go in statements of up to
 * this many cells (a power of two of rows), far below SQLite's and PostgreSQL's limits.
 */
const CELLS_PER_INSERT = 8192;

/** Imports of at least this many rows refresh PostgreSQL's planner statistics. */
const ANALYZE_AFTER = 10_000;

/** Rows checked, encoded and inserted at a time by an import. */
const IMPORT_CHUNK = 4096;

/** The rows of a sync or async iterable, `size` at a time. */
async function* chunksOf<T>(rows: Iterable<T> | AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const row of rows) {
    chunk.push(row);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

function highestSeq(rows: readonly TenantRow[]): number {
  let top = 0;
  for (const r of rows) if (r.table === 'history_events') top = Math.max(top, r.row.seq as number);
  return top;
}

/** Tenants live outside any tenant-bound transaction; each call is its own statement or transaction. */
export class SqlTenantStore implements TenantStore {
  readonly ownedTables = TENANT_OWNED_TABLES;

  constructor(
    private readonly db: AnyDb,
    private readonly engine: SqlEngine,
    /** A snapshot on a connection of its own for streamed exports; absent where there is none. */
    private readonly openSnapshot?: () => Promise<ExportSnapshot | undefined>,
  ) {}

  async get(id: string): Promise<Tenant | null> {
    return this.guard(async () => {
      const row = await this.db
        .selectFrom('tenants')
        .selectAll()
        .where('tenant_id', '=', id)
        .executeTakeFirst();
      return row === undefined ? null : this.decode(row);
    });
  }

  async create(tenant: Tenant): Promise<void> {
    await this.guard(async () => {
      await this.db
        .insertInto('tenants')
        .values({
          tenant_id: tenant.id,
          name: tenant.name,
          created_at: this.engine.encodeInstant(tenant.createdAt),
        })
        .execute();
    });
  }

  async list(): Promise<Tenant[]> {
    return this.guard(async () => {
      const rows = await this.db.selectFrom('tenants').selectAll().orderBy('tenant_id').execute();
      return rows.map((r) => this.decode(r));
    });
  }

  async delete(id: string): Promise<void> {
    await this.guard(() =>
      this.engine.begin(this.db, 'write').execute(async (trx) => {
        // Bound like any tenant transaction, so PostgreSQL row-level security lets it see the rows.
        await this.engine.bindTenant?.(kyselyConnection(trx), id);
        // Children first: their foreign keys point at tenants.
        for (const table of [...FEED_TABLES, ...TENANT_OWNED_TABLES]) {
          await trx.deleteFrom(table).where('tenant_id', '=', id).execute();
        }
        await trx.deleteFrom('tenants').where('tenant_id', '=', id).execute();
      }),
    );
  }

  /**
   * Streams the tenant from one read snapshot on a connection of its own (`openSnapshot`), a page
   * at a time, so a million-row tenant exports in flat memory while commands go on, and a consumer
   * may use the same storage while iterating. Where the engine has no second connection (an
   * in-memory SQLite database, PGlite) the tenant is read whole in one snapshot and then yielded:
   * a transaction held across yields there would block — or deadlock — the consumer.
   */
  async *exportRows(id: string): AsyncIterable<TenantRow> {
    const snapshot = this.openSnapshot === undefined ? undefined : await this.guard(this.openSnapshot);
    if (snapshot === undefined) {
      yield* await this.bufferedExport(id);
      return;
    }
    try {
      await this.guard(async () => {
        await this.engine.bindTenant?.(kyselyConnection(snapshot.db), id);
        await this.mustExist(snapshot.db, id);
      });
      for (const def of TENANT_OWNED_TABLE_DEFS) {
        const pages = tablePages(snapshot, this.engine, def, id);
        for (;;) {
          const page = await this.guard(() => pages.next());
          if (page.done) break;
          for (const raw of page.value) yield decodeTenantRow(this.engine, def, raw);
        }
      }
    } finally {
      await snapshot.end();
    }
  }

  private async bufferedExport(id: string): Promise<TenantRow[]> {
    return this.guard(() =>
      this.engine.begin(this.db, 'read').execute(async (trx) => {
        await this.engine.bindTenant?.(kyselyConnection(trx), id);
        await this.mustExist(trx, id);
        const out: TenantRow[] = [];
        for (const def of TENANT_OWNED_TABLE_DEFS) {
          const raw = await trx.selectFrom(def.name).selectAll().where('tenant_id', '=', id).execute();
          const rows = raw.map((r) => decodeTenantRow(this.engine, def, r));
          out.push(...rows.sort((a, b) => compareByKey(def, a, b)));
        }
        return out;
      }),
    );
  }

  private async mustExist(db: AnyDb, id: string): Promise<void> {
    const tenant = await db
      .selectFrom('tenants')
      .select('tenant_id')
      .where('tenant_id', '=', id)
      .executeTakeFirst();
    if (tenant === undefined) throw new NotFoundError('tenant', id);
  }

  /**
   * Streams: rows are checked, encoded and inserted a chunk at a time, so memory stays flat however
   * large the tenant (1M deals import within a few hundred MiB). All-or-nothing as before: one
   * transaction, and a bad row or a failing source anywhere rolls everything back. The first
   * chunk is checked before the transaction opens, so a small file's errors come first, as they did.
   */
  async importRows(tenant: Tenant, rows: Iterable<TenantRow> | AsyncIterable<TenantRow>): Promise<void> {
    const source = chunksOf(rows, IMPORT_CHUNK);
    const first = await source.next();
    let offset = 0;
    if (!first.done) assertTenantRows(first.value);
    await this.guard(() =>
      this.engine.begin(this.db, 'write').execute(async (trx) => {
        await this.engine.bindTenant?.(kyselyConnection(trx), tenant.id);
        await this.claimEmpty(trx, tenant);
        const ctx: StoreContext = {
          ...kyselyConnection(trx),
          engine: this.engine,
          tenantId: tenant.id,
          memo: {},
        };
        let topSeq = 0;
        for (let chunk = first; !chunk.done; chunk = await source.next()) {
          if (offset > 0) assertTenantRows(chunk.value, offset);
          offset += chunk.value.length;
          topSeq = Math.max(topSeq, highestSeq(chunk.value));
          await this.insertChunk(ctx, chunk.value);
        }
        await this.afterHistoryImport(trx, topSeq);
        // An export made before counters existed has no counter row: derive it from the orders.
        await raiseOrderNumberCounters(trx, tenant.id);
        // A bulk load changes the tables' statistics at once: the planners would go on choosing
        // indexes by the old ones (PostgreSQL until autovacuum notices, SQLite until asked).
        if (offset >= ANALYZE_AFTER) {
          for (const table of TENANT_OWNED_TABLES) await sql`analyze ${sql.table(table)}`.execute(trx);
        }
      }),
    );
  }

  /** Creates the tenant row, or checks that the existing tenant holds no row at all. */
  private async claimEmpty(trx: AnyDb, tenant: Tenant): Promise<void> {
    const existing = await trx
      .selectFrom('tenants')
      .select('tenant_id')
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirst();
    if (existing === undefined) {
      await trx
        .insertInto('tenants')
        .values({
          tenant_id: tenant.id,
          name: tenant.name,
          created_at: this.engine.encodeInstant(tenant.createdAt),
        })
        .execute();
      return;
    }
    for (const table of TENANT_OWNED_TABLES) {
      const any = await trx
        .selectFrom(table)
        .select('tenant_id')
        .where('tenant_id', '=', tenant.id)
        .limit(1)
        .executeTakeFirst();
      if (any !== undefined) {
        throw new ConflictError(
          'tenant',
          `tenant ${tenant.id} already holds data (${table}); import only into an empty tenant`,
        );
      }
    }
  }

  /** One chunk's rows, table by table as they come (an export lists each table's rows together). */
  private async insertChunk(ctx: StoreContext, rows: readonly TenantRow[]): Promise<void> {
    for (let start = 0; start < rows.length; ) {
      const table = (rows[start] as TenantRow).table;
      let end = start;
      while (end < rows.length && (rows[end] as TenantRow).table === table) end++;
      await this.insertRun(ctx, rows.slice(start, end));
      start = end;
    }
  }

  /**
   * Rows of one table, in multi-row INSERTs of a few fixed sizes, each statement built once:
   * building every statement anew cost more than SQLite running it. Encoded a slice at a time, so a
   * million-row table is not held twice.
   */
  private async insertRun(ctx: StoreContext, rows: readonly TenantRow[]): Promise<void> {
    const table = (rows[0] as TenantRow).table;
    const encode = (r: TenantRow) => encodeTenantRow(this.engine, ctx.tenantId, r);
    const cells = Object.keys(encode(rows[0] as TenantRow)).length;
    const perInsert = 2 ** Math.floor(Math.log2(Math.max(1, CELLS_PER_INSERT / cells)));
    for (let from = 0; from < rows.length; from += perInsert * 16) {
      const values = rows.slice(from, from + perInsert * 16).map(encode);
      await writeRows(ctx, `import:${table}`, values, perInsert, (part) =>
        ctx.db.insertInto(table).values([...part]),
      );
    }
  }

  /**
   * PostgreSQL numbers history from one sequence shared by all tenants; imported events keep their
   * numbers (`top` is the highest), so the sequence must move past them or the tenant's next event
   * would collide. (SQLite numbers per tenant from max(seq) and needs nothing.)
   */
  private async afterHistoryImport(trx: AnyDb, top: number): Promise<void> {
    if (this.engine.name !== 'postgres' || top === 0) return;
    await sql`select setval('history_events_seq', greatest(${top}::bigint, (select last_value from history_events_seq)))`.execute(
      trx,
    );
  }

  private decode(row: AnyRow): Tenant {
    return { id: row.tenant_id, name: row.name, createdAt: this.engine.decodeInstant(row.created_at) };
  }

  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw isCrmError(error) ? error : this.engine.mapError(error, 'tenant');
    }
  }
}
