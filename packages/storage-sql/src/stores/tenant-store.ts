import {
  ConflictError,
  type ImportRowsOptions,
  isCrmError,
  NotFoundError,
  nextBulkRows,
  sayTenant,
  sqliteWriterGapMs,
  type Tenant,
  type TenantRow,
  type TenantStore,
} from '@gongfu/core';
import { sql } from 'kysely';
import type { AnyDb, AnyRow } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { readOrderNumberCounter } from '../migrations/0007-counters.js';
import { FEED_TABLES } from '../migrations/0030-change-feed.js';
import type { StoreContext } from '../records/store-context.js';
import { kyselyConnection } from '../sql-transactor.js';
import { writeRows } from './batched-write.js';
import { type ExportSnapshot, tablePages } from './export-pages.js';
import { refreshTenantStatistics } from './sampled-statistics.js';
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

/** Imports of at least this many rows refresh the planner statistics (both engines). */
const ANALYZE_AFTER = 10_000;

/**
 * Rows checked, encoded and inserted in an import's first transaction. Measured on SQLite
 * (bench/bulk-work.bench.ts, deals, accounts and team rows, a shared 2-core machine at load average
 * ~15): 512 rows held the write lock p50 96 ms, so a quarter of that. On SQLite the next
 * transactions are sized by the lock time of the last (`nextBulkRows`); PostgreSQL keeps this size
 * (commands never wait for an import's rows there).
 */
const IMPORT_CHUNK = 128;

/** Rows a failed import deletes per transaction. */
const REMOVE_BATCH = 2000;

/** `tenants.import_state` (migration 0091): what is under way, and whether the import made the row. */
const IMPORTING = 'importing';
const REMOVING = 'removing';
const NEW = ':new';
const EXISTING = ':existing';

/** One table's rows of an import chunk, encoded for the engine. */
interface EncodedRun {
  table: string;
  values: AnyRow[];
}

/** The rows of a sync or async iterable, `size` at a time. */
/** `rows` in chunks of `size()` rows, asked afresh for each chunk (the size may follow the job). */
async function* chunksOf<T>(rows: Iterable<T> | AsyncIterable<T>, size: () => number): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const row of rows) {
    chunk.push(row);
    if (chunk.length >= size()) {
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
        .where('import_state', 'is', null)
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
      const rows = await this.db
        .selectFrom('tenants')
        .selectAll()
        .where('import_state', 'is', null)
        .orderBy('tenant_id')
        .execute();
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
   * Streams in short transactions (see `TenantStore.importRows`): each chunk of rows is checked,
   * encoded and inserted in a transaction of its own that also counts it in the tenant row, so a
   * stopped import knows where to continue; the first chunk is checked before anything is written,
   * so a small file's errors come first.
   */
  async importRows(
    tenant: Tenant,
    rows: Iterable<TenantRow> | AsyncIterable<TenantRow>,
    options: ImportRowsOptions = {},
  ): Promise<void> {
    const given = options.rowsPerTransaction;
    // A size the caller gave is kept; else SQLite's follows the write lock's time (`nextBulkRows`).
    const sizing = { rows: given === undefined ? IMPORT_CHUNK : Math.max(1, Math.trunc(given)) };
    const follows = given === undefined && this.engine.name === 'sqlite';
    const source = chunksOf(rows, () => sizing.rows);
    const first = await source.next();
    if (!first.done) assertTenantRows(first.value);
    const done = await this.guard(() => this.beginImport(tenant, options.source ?? ''));
    const progress: ImportRowsOptions['onProgress'] = (p) => {
      if (follows) sizing.rows = nextBulkRows(sizing.rows, p.transactionMs);
      options.onProgress?.(p);
    };
    try {
      await this.guard(() =>
        this.importFrom(tenant, first, source, done, { ...options, onProgress: progress }),
      );
    } catch (error) {
      // The import's own error is the one to report; should the removal fail too, the tenant stays
      // marked removing, invisible, and the next import (or `delete`) finishes it.
      await this.guard(() => this.removeImport(tenant.id)).catch(() => undefined);
      throw error;
    }
  }

  /** The import's rows after the claim: every chunk, the final flip, the statistics. */
  private async importFrom(
    tenant: Tenant,
    first: IteratorResult<TenantRow[]>,
    source: AsyncGenerator<TenantRow[]>,
    done: number,
    options: ImportRowsOptions,
  ): Promise<void> {
    let offset = 0;
    let topSeq = 0;
    // The gap after the previous transaction (SQLite): the next chunk is read and encoded meanwhile.
    let gap: Promise<void> | undefined;
    for (let chunk = first; !chunk.done; chunk = await source.next()) {
      if (offset > 0) assertTenantRows(chunk.value, offset);
      const start = offset;
      offset += chunk.value.length;
      topSeq = Math.max(topSeq, highestSeq(chunk.value));
      // Rows a stopped import committed are read (checked, counted) but not written again.
      if (offset <= done) continue;
      const runs = this.encodeChunk(tenant.id, start < done ? chunk.value.slice(done - start) : chunk.value);
      await gap;
      // From the transaction's first statement (SQLite: the write lock taken) to its commit.
      let began = 0;
      await this.inTenant(tenant.id, async (ctx) => {
        began = performance.now();
        for (const run of runs) await this.insertRun(ctx, run);
        await ctx.db
          .updateTable('tenants')
          .set({ import_done: offset })
          .where('tenant_id', '=', tenant.id)
          .execute();
      });
      const transactionMs = performance.now() - began;
      options.onProgress?.({ done: offset, transactionMs });
      gap = this.leaveGap(transactionMs);
    }
    await gap;
    // An export made before counters existed has no counter row: derive it from the orders, read
    // before the final transaction (SQLite: a scan of every order, no write lock held meanwhile).
    const raiseOrderCounter = await this.inTenant(
      tenant.id,
      (ctx) => readOrderNumberCounter(ctx.db, tenant.id),
      'read',
    );
    await this.inTenant(tenant.id, async (ctx) => {
      await this.afterHistoryImport(ctx.db, topSeq);
      await raiseOrderCounter(ctx.db);
      // The flip: from here on the tenant is found and listed, with every row.
      await ctx.db
        .updateTable('tenants')
        .set({ import_state: null, import_done: null, import_source: null })
        .where('tenant_id', '=', tenant.id)
        .execute();
    });
    // The import stands whatever happens here: statistics only guide the planner, which keeps the
    // old ones (a failure must not report, and the caller then undo, an import that is complete).
    if (offset >= ANALYZE_AFTER) await this.analyzeOwnedTables().catch(() => undefined);
  }

  /**
   * Claims the tenant for an import and returns how many rows are already in (a resumed import), or
   * 0: creates the tenant row marked importing, or marks an existing empty tenant; a stopped removal
   * is finished first.
   */
  private async beginImport(tenant: Tenant, source: string): Promise<number> {
    const row = await this.db
      .selectFrom('tenants')
      .select(['import_state', 'import_done', 'import_source'])
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirst();
    const state = row?.import_state as string | null | undefined;
    if (state?.startsWith(REMOVING) === true) {
      await this.removeImport(tenant.id);
      return this.beginImport(tenant, source);
    }
    if (state?.startsWith(IMPORTING) === true) {
      if (row?.import_source !== source)
        throw new ConflictError('tenant', sayTenant('tenant.import.otherInProgress', { tenant: tenant.id }));
      return this.engine.decodeInt(row?.import_done ?? 0);
    }
    await this.engine.begin(this.db, 'write').execute(async (trx) => {
      await this.engine.bindTenant?.(kyselyConnection(trx), tenant.id);
      const created = await this.claimEmpty(trx, tenant);
      await trx
        .updateTable('tenants')
        .set({
          import_state: `${IMPORTING}${created ? NEW : EXISTING}`,
          import_done: 0,
          import_source: source,
        })
        .where('tenant_id', '=', tenant.id)
        .execute();
    });
    return 0;
  }

  /**
   * Deletes what a failed import wrote, a batch of rows per transaction (other tenants' commands
   * run between them), then the tenant row if the import created it. Marked removing first, so a
   * crash in between leaves a tenant the next import (or `delete`) finishes removing.
   */
  private async removeImport(id: string): Promise<void> {
    const row = await this.db
      .selectFrom('tenants')
      .select('import_state')
      .where('tenant_id', '=', id)
      .executeTakeFirst();
    const state = row?.import_state as string | null | undefined;
    if (state === null || state === undefined) return;
    const created = state.endsWith(NEW);
    await this.db
      .updateTable('tenants')
      .set({ import_state: `${REMOVING}${created ? NEW : EXISTING}` })
      .where('tenant_id', '=', id)
      .execute();
    const rowKey = sql.raw(this.engine.name === 'postgres' ? 'ctid' : 'rowid');
    for (const table of [...FEED_TABLES, ...TENANT_OWNED_TABLES]) {
      for (;;) {
        const began = performance.now();
        const removed = await this.inTenant(id, async (ctx) => {
          const result =
            await sql`delete from ${sql.table(table)} where ${rowKey} in (select ${rowKey} from ${sql.table(table)} where tenant_id = ${id} limit ${REMOVE_BATCH})`.execute(
              ctx.db,
            );
          return Number(result.numAffectedRows ?? 0);
        });
        if (removed < REMOVE_BATCH) break;
        await this.leaveGap(performance.now() - began);
      }
    }
    if (created) await this.db.deleteFrom('tenants').where('tenant_id', '=', id).execute();
    else
      await this.db
        .updateTable('tenants')
        .set({ import_state: null, import_done: null, import_source: null })
        .where('tenant_id', '=', id)
        .execute();
  }

  /**
   * SQLite: leaves the write lock free after a bulk transaction, so another process's waiting
   * command gets it (`sqliteWriterGapMs`). PostgreSQL needs none: commands never wait for the rows.
   */
  private async leaveGap(transactionMs: number): Promise<void> {
    if (this.engine.name === 'sqlite')
      await new Promise((resolve) => setTimeout(resolve, sqliteWriterGapMs(transactionMs)));
  }

  /** One short transaction bound to the tenant (a write unless said). */
  private async inTenant<T>(
    tenantId: string,
    fn: (ctx: StoreContext) => Promise<T>,
    mode: 'write' | 'read' = 'write',
  ): Promise<T> {
    return this.engine.begin(this.db, mode).execute(async (trx) => {
      await this.engine.bindTenant?.(kyselyConnection(trx), tenantId);
      return fn({ ...kyselyConnection(trx), engine: this.engine, tenantId, memo: {} });
    });
  }

  /**
   * A bulk load changes the tables' statistics at once: the planners would go on choosing indexes by
   * the old ones (PostgreSQL until autovacuum notices, SQLite until asked). PostgreSQL: ANALYZE, a
   * table per statement (it takes no lock a command waits for). SQLite: no ANALYZE — even sampled
   * it counts every index entry holding the write lock (seconds at 1M) — but the same figures read
   * a table at a time in read transactions and written in one short write transaction.
   */
  private async analyzeOwnedTables(): Promise<void> {
    if (this.engine.name !== 'sqlite') {
      for (const table of TENANT_OWNED_TABLES) await sql`analyze ${sql.table(table)}`.execute(this.db);
      return;
    }
    await refreshTenantStatistics(
      TENANT_OWNED_TABLES,
      (fn) => this.engine.begin(this.db, 'read').execute(fn),
      (fn) => this.engine.begin(this.db, 'write').execute(fn),
    );
  }

  /** Creates the tenant row (true), or checks that the existing tenant holds no row at all (false). */
  private async claimEmpty(trx: AnyDb, tenant: Tenant): Promise<boolean> {
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
      return true;
    }
    for (const table of TENANT_OWNED_TABLES) {
      const any = await trx
        .selectFrom(table)
        .select('tenant_id')
        .where('tenant_id', '=', tenant.id)
        .limit(1)
        .executeTakeFirst();
      if (any !== undefined) {
        throw new ConflictError('tenant', sayTenant('tenant.import.notEmpty', { tenant: tenant.id, table }));
      }
    }
    return false;
  }

  /**
   * One chunk's rows encoded before its transaction (so the write lock is held only to insert
   * them), in runs of one table as they come (an export lists each table's rows together).
   */
  private encodeChunk(tenantId: string, rows: readonly TenantRow[]): EncodedRun[] {
    const runs: EncodedRun[] = [];
    for (let start = 0; start < rows.length; ) {
      const table = (rows[start] as TenantRow).table;
      let end = start;
      while (end < rows.length && (rows[end] as TenantRow).table === table) end++;
      const values = rows.slice(start, end).map((r) => encodeTenantRow(this.engine, tenantId, r));
      runs.push({ table, values });
      start = end;
    }
    return runs;
  }

  /**
   * Rows of one table, in multi-row INSERTs of a few fixed sizes, each statement built once:
   * building every statement anew cost more than SQLite running it.
   */
  private async insertRun(ctx: StoreContext, { table, values }: EncodedRun): Promise<void> {
    const cells = Object.keys(values[0] as AnyRow).length;
    const perInsert = 2 ** Math.floor(Math.log2(Math.max(1, CELLS_PER_INSERT / cells)));
    await writeRows(ctx, `import:${table}`, values, perInsert, (part) =>
      ctx.db.insertInto(table).values([...part]),
    );
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
