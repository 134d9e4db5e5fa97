import type {
  DedupeBlock,
  DedupeEntry,
  DedupeKeyStore,
  DedupeResize,
  DedupeSource,
  Instant,
} from '@gongfu/core';
import { type Compilable, sql } from 'kysely';
import type { AnyExpressionBuilder, AnyRow } from '../any-db.js';
import { executeCached } from '../records/compiled-cache.js';
import { paddedInList } from '../records/in-list.js';
import type { StoreContext } from '../records/store-context.js';
import { writeRows } from './batched-write.js';

/** Opportunities per statement that names them (`IN (…)` lists, source upserts). */
const CHUNK = 500;
/** Rows per multi-row INSERT: at most 5 parameters each, far below every engine's limit. */
const ROWS_PER_INSERT = 1024;
/**
 * Block size changes held before they are written. Every re-keyed deal moves some 30 blocks, so
 * writing them per chunk cost as much as writing the keys; held and written once, sorted, each
 * block is written once — up to this many at a time, which bounds the memory of a huge re-key.
 */
const MAX_PENDING_BLOCKS = 500_000;
/** The opportunity id no deal has, under which the last refresh's instant is kept. */
const REFRESHED = '';

/** The key a stale source differs by: never indexed, or either record's version moved on. */
const differs = (eb: AnyExpressionBuilder, accountVersion: string) =>
  eb.or([
    eb('s.opportunity_id', 'is', null),
    eb('s.version', '<>', eb.ref('o.version')),
    // Null-safe on both engines: a missing account is -1 on either side.
    eb(sql`coalesce(s.account_version, -1)`, '<>', sql`coalesce(${sql.ref(accountVersion)}, -1)`),
  ]);

interface StoredVersions {
  version: number | null;
  accountVersion: number | null;
  keyedVersion: number | null;
  keyedAccountVersion: number | null;
}

const byKey = (p: string, q: string) => (p < q ? -1 : p > q ? 1 : 0);

async function* oneBatch<T>(batch: T): AsyncIterable<T> {
  yield batch;
}

/** Blocking keys of the duplicate detector, their block sizes and what they were computed from. */
export class SqlDedupeKeyStore implements DedupeKeyStore {
  constructor(private readonly ctx: StoreContext) {}

  async replace(entries: readonly DedupeEntry[]): Promise<void> {
    await this.replaceBatches(oneBatch(entries));
  }

  async replaceBatches(batches: AsyncIterable<readonly DedupeEntry[]>): Promise<void> {
    const delta = new Map<string, number>();
    for await (const batch of batches) {
      for (let i = 0; i < batch.length; i += CHUNK) await this.rekeyChunk(batch.slice(i, i + CHUNK), delta);
      if (delta.size >= MAX_PENDING_BLOCKS) {
        await this.applyDeltas(delta);
        delta.clear();
      }
    }
    await this.applyDeltas(delta);
  }

  async replaceCurrent(
    entries: readonly DedupeEntry[],
  ): Promise<{ moved: string[]; resized: DedupeResize | null }> {
    await this.lockTenantKeys();
    const moved: string[] = [];
    const fresh: DedupeEntry[] = [];
    for (let i = 0; i < entries.length; i += CHUNK) {
      const chunk = entries.slice(i, i + CHUNK);
      const stored = await this.storedVersions(chunk.map((e) => e.source.opportunityId));
      for (const entry of chunk) {
        const { opportunityId, version, accountVersion } = entry.source;
        const now = stored.get(opportunityId);
        // A deal gone since it was read has no keys to write (deals are closed, not deleted).
        if (now === undefined) continue;
        if (now.version !== version || now.accountVersion !== accountVersion) moved.push(opportunityId);
        else if (now.keyedVersion !== version || now.keyedAccountVersion !== accountVersion)
          fresh.push(entry);
      }
    }
    if (fresh.length === 0) return { moved, resized: null };
    const before = await this.stamp();
    const delta = new Map<string, number>();
    for (let i = 0; i < fresh.length; i += CHUNK) await this.rekeyChunk(fresh.slice(i, i + CHUNK), delta);
    const after = await this.applyDeltas(delta);
    if (after === null) return { moved, resized: null };
    const opportunityIds = fresh.map((e) => e.source.opportunityId);
    return { moved, resized: { before, after, keys: [...delta.keys()], opportunityIds } };
  }

  async stamp(): Promise<string | null> {
    const { rows } = await executeCached<{ stamp: string }>(
      this.ctx,
      'dedupe_stamps:stamp',
      [this.ctx.tenantId],
      () =>
        this.ctx.db.selectFrom('dedupe_stamps').select('stamp').where('tenant_id', '=', this.ctx.tenantId),
    );
    return rows[0]?.stamp ?? null;
  }

  /** A stamp no reader has seen: the blocks moved (see `DedupeKeyStore.stamp`). */
  private async restamp(): Promise<string> {
    const stamp = globalThis.crypto.randomUUID();
    await this.ctx.db
      .insertInto('dedupe_stamps')
      .values({ tenant_id: this.ctx.tenantId, stamp })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ stamp }))
      .execute();
    return stamp;
  }

  /**
   * Serialises the key writes of one tenant to the end of the transaction. PostgreSQL runs two
   * refreshes side by side: both would delete a deal's old keys and insert the same new ones, and
   * the second insert would hit the primary key (and count block sizes twice). Under the lock the
   * second one's statements see the first one's commit, find the deal keyed, and skip it. SQLite
   * needs nothing: its write transactions already run one at a time.
   */
  private async lockTenantKeys(): Promise<void> {
    if (this.ctx.engine.name !== 'postgres') return;
    await sql`select pg_advisory_xact_lock(hashtextextended(${`gongfu.dedupe_keys:${this.ctx.tenantId}`}, 0))`.execute(
      this.ctx.db,
    );
  }

  /** The current versions of the opportunities and their accounts, and those their keys were made from. */
  private async storedVersions(ids: readonly string[]): Promise<Map<string, StoredVersions>> {
    const { db, engine, tenantId } = this.ctx;
    const rows = await db
      .selectFrom('opportunities as o')
      .leftJoin('accounts as a', (j) =>
        j.onRef('a.tenant_id', '=', 'o.tenant_id').onRef('a.id', '=', 'o.account_id'),
      )
      .leftJoin('dedupe_sources as s', (j) =>
        j.onRef('s.tenant_id', '=', 'o.tenant_id').onRef('s.opportunity_id', '=', 'o.id'),
      )
      .select(['o.id', 'o.version', 'a.version as av', 's.version as sv', 's.account_version as sav'])
      .where('o.tenant_id', '=', tenantId)
      .where('o.id', 'in', [...ids])
      .execute();
    const int = (v: unknown) => (v === null || v === undefined ? null : engine.decodeInt(v));
    return new Map(
      rows.map((r) => [
        r.id as string,
        {
          version: int(r.version),
          accountVersion: int(r.av),
          keyedVersion: int(r.sv),
          keyedAccountVersion: int(r.sav),
        },
      ]),
    );
  }

  /** Swaps the keys of up to CHUNK opportunities; block sizes only move in `delta`. */
  private async rekeyChunk(chunk: readonly DedupeEntry[], delta: Map<string, number>): Promise<void> {
    const { db, tenantId } = this.ctx;
    // DELETE … RETURNING, not SELECT then DELETE: a SELECT of `key` by opportunity is covered by
    // the primary key index, and SQLite (without statistics) then scans the tenant's whole
    // (tenant_id, key) range for every chunk — quadratic in the number of keys stored.
    const removed = await db
      .deleteFrom('dedupe_keys')
      .where('tenant_id', '=', tenantId)
      .where(
        'opportunity_id',
        'in',
        chunk.map((e) => e.source.opportunityId),
      )
      .returning('key')
      .execute();
    for (const row of removed) delta.set(row.key, (delta.get(row.key) ?? 0) - 1);
    const rows: AnyRow[] = [];
    for (const { source, keys } of chunk) {
      for (const key of new Set(keys)) {
        rows.push({ tenant_id: tenantId, key, opportunity_id: source.opportunityId });
        delta.set(key, (delta.get(key) ?? 0) + 1);
      }
    }
    // In key order, the rows land on neighbouring pages of the (tenant_id, key) index: cheaper.
    rows.sort((p, q) => byKey(p.key, q.key));
    await writeRows(this.ctx, 'dedupe_keys:insert', rows, ROWS_PER_INSERT, (part) =>
      db.insertInto('dedupe_keys').values([...part]),
    );
    await this.replaceSources(chunk.map((e) => e.source));
    await this.replaceRows(chunk);
  }

  /** Each entry's comparison row in place of the one stored (none: the row goes). */
  private async replaceRows(chunk: readonly DedupeEntry[]): Promise<void> {
    const { db, tenantId } = this.ctx;
    await db
      .deleteFrom('dedupe_rows')
      .where('tenant_id', '=', tenantId)
      .where(
        'opportunity_id',
        'in',
        chunk.map((e) => e.source.opportunityId),
      )
      .execute();
    const rows = chunk.flatMap(({ source, row }) =>
      row === undefined ? [] : [{ tenant_id: tenantId, opportunity_id: source.opportunityId, row }],
    );
    await writeRows(this.ctx, 'dedupe_rows:insert', rows, CHUNK, (part) =>
      db.insertInto('dedupe_rows').values([...part]),
    );
  }

  async rows(opportunityIds: readonly string[]): Promise<Map<string, string>> {
    const { db, tenantId } = this.ctx;
    const found = new Map<string, string>();
    const lists = this.inLists<{ opportunity_id: string; row: string }>(
      'dedupe_rows:rows',
      opportunityIds,
      [],
      // Only a row written from the deal and account as they are now: a deal edited (closed,
      // reassigned, re-priced) or an account renamed since it was keyed — the check's refresh may
      // not have seen it yet — is read from its documents instead, so no check scores or shows a
      // deal as it was.
      (ids) =>
        db
          .selectFrom('dedupe_rows as r')
          .innerJoin('dedupe_sources as s', (j) =>
            j.onRef('s.tenant_id', '=', 'r.tenant_id').onRef('s.opportunity_id', '=', 'r.opportunity_id'),
          )
          .innerJoin('opportunities as o', (j) =>
            j
              .onRef('o.tenant_id', '=', 'r.tenant_id')
              .onRef('o.id', '=', 'r.opportunity_id')
              .onRef('o.version', '=', 's.version'),
          )
          .leftJoin('accounts as a', (j) =>
            j.onRef('a.tenant_id', '=', 'r.tenant_id').onRef('a.id', '=', 'o.account_id'),
          )
          .select(['r.opportunity_id as opportunity_id', 'r.row as row'])
          .where('r.tenant_id', '=', tenantId)
          .where('r.opportunity_id', 'in', ids)
          .where(sql`coalesce(a.version, -1)`, '=', sql`coalesce(s.account_version, -1)`),
    );
    for await (const rows of lists) for (const r of rows) found.set(r.opportunity_id, r.row);
    return found;
  }

  /**
   * The rows of one statement over `values` (each once), up to CHUNK values a statement, its list
   * padded to a few lengths (`paddedInList`) so each text is compiled and prepared once; its
   * parameters are the tenant, the list, then `after`.
   */
  private async *inLists<R>(
    shape: string,
    values: readonly string[],
    after: readonly unknown[],
    build: (list: string[]) => Compilable<R>,
  ): AsyncGenerator<R[]> {
    const unique = [...new Set(values)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const list = paddedInList(unique.slice(i, i + CHUNK));
      const { rows } = await executeCached<R>(
        this.ctx,
        `${shape}:${list.length}`,
        [this.ctx.tenantId, ...list, ...after],
        () => build(list),
      );
      yield rows;
    }
  }

  private async replaceSources(sources: readonly DedupeSource[]): Promise<void> {
    const { db, tenantId, engine } = this.ctx;
    const rows = sources.map((source) => ({
      tenant_id: tenantId,
      opportunity_id: source.opportunityId,
      version: source.version,
      account_version: source.accountVersion,
      seen_at: engine.encodeInstant(source.seenAt),
    }));
    await writeRows(this.ctx, 'dedupe_sources:upsert', rows, CHUNK, (part) =>
      db
        .insertInto('dedupe_sources')
        .values([...part])
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'opportunity_id']).doUpdateSet((eb) => ({
            version: eb.ref('excluded.version'),
            account_version: eb.ref('excluded.account_version'),
            seen_at: eb.ref('excluded.seen_at'),
          })),
        ),
    );
  }

  /**
   * Block sizes move by the keys gained and lost, in key order; a block left empty is dropped. When
   * any key was touched the blocks get a new stamp, returned (null: nothing touched).
   */
  private async applyDeltas(delta: ReadonlyMap<string, number>): Promise<string | null> {
    const { db, tenantId } = this.ctx;
    if (delta.size === 0) return null;
    const changed = [...delta].filter(([, d]) => d !== 0).sort(([p], [q]) => byKey(p, q));
    await writeRows(
      this.ctx,
      'dedupe_blocks:add',
      changed.map(([key, size]) => ({ tenant_id: tenantId, key, size })),
      ROWS_PER_INSERT,
      (part) =>
        db
          .insertInto('dedupe_blocks')
          .values([...part])
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'key']).doUpdateSet({ size: sql`dedupe_blocks.size + excluded.size` }),
          ),
    );
    const shrunk = changed.filter(([, d]) => d < 0).map(([key]) => key);
    for (let r = 0; r < shrunk.length; r += CHUNK)
      await db
        .deleteFrom('dedupe_blocks')
        .where('tenant_id', '=', tenantId)
        .where('key', 'in', shrunk.slice(r, r + CHUNK))
        .where('size', '<=', 0)
        .execute();
    return this.restamp();
  }

  async blocks(keys: readonly string[], cap: number): Promise<DedupeBlock[]> {
    const { db, engine, tenantId } = this.ctx;
    const found = new Map<string, DedupeBlock>();
    const sizes = this.inLists<{ key: string; size: unknown }>('dedupe_blocks:sizes', keys, [0], (list) =>
      db
        .selectFrom('dedupe_blocks')
        .select(['key', 'size'])
        .where('tenant_id', '=', tenantId)
        .where('key', 'in', list)
        .where('size', '>', 0),
    );
    for await (const rows of sizes)
      for (const row of rows)
        found.set(row.key, { key: row.key, size: engine.decodeInt(row.size), opportunityIds: [] });
    const small = [...found.values()].filter((b) => b.size <= cap).map((b) => b.key);
    const members = this.inLists<{ key: string; opportunity_id: string }>(
      'dedupe_keys:members',
      small,
      [],
      (list) =>
        db
          .selectFrom('dedupe_keys')
          .select(['key', 'opportunity_id'])
          .where('tenant_id', '=', tenantId)
          .where('key', 'in', list)
          .orderBy('key')
          .orderBy('opportunity_id'),
    );
    for await (const rows of members)
      for (const row of rows) found.get(row.key)?.opportunityIds.push(row.opportunity_id);
    return [...found.values()].sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : 0));
  }

  async stale(since: Instant | undefined): Promise<string[]> {
    const { db, engine, tenantId } = this.ctx;
    const from = since === undefined ? undefined : engine.encodeInstant(since);
    let byDeal = db
      .selectFrom('opportunities as o')
      .leftJoin('dedupe_sources as s', (j) =>
        j.onRef('s.tenant_id', '=', 'o.tenant_id').onRef('s.opportunity_id', '=', 'o.id'),
      )
      .leftJoin('accounts as a', (j) =>
        j.onRef('a.tenant_id', '=', 'o.tenant_id').onRef('a.id', '=', 'o.account_id'),
      )
      .select('o.id')
      .where('o.tenant_id', '=', tenantId)
      .where((eb) => differs(eb, 'a.version'));
    if (from !== undefined) byDeal = byDeal.where('o.updated_at', '>=', from);
    const ids = new Set((await byDeal.execute()).map((r) => r.id as string));
    if (from !== undefined) for (const id of await this.staleByAccount(from)) ids.add(id);
    return [...ids].sort();
  }

  /**
   * Deals whose account changed since `from` and whose keys were made from its older version: a
   * renamed account changes its deals' customer keys without touching the deals. The changed
   * accounts are read first (an index range, empty on nearly every call), then only their deals.
   * One join of the two let SQLite choose the order: with the statistics an import's sampled
   * ANALYZE leaves for a tenant whose customers hold hundreds of deals each, it judged "every
   * changed account's deals" dearer than "every deal, then its account" and walked the tenant's
   * deals on every refresh, so in every duplicate check (58 ms of statement time per check at 30k
   * deals of the second bench generator, growing with the tenant; bench/RESULTS.md, h-gencheck).
   */
  private async staleByAccount(from: unknown): Promise<string[]> {
    const { db, tenantId } = this.ctx;
    const changed = await db
      .selectFrom('accounts')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('updated_at', '>=', from)
      .execute();
    const accountIds = changed.map((r) => r.id as string);
    const ids: string[] = [];
    for (let i = 0; i < accountIds.length; i += CHUNK) {
      const rows = await db
        .selectFrom('opportunities as o')
        .innerJoin('accounts as a', (j) =>
          j.onRef('a.tenant_id', '=', 'o.tenant_id').onRef('a.id', '=', 'o.account_id'),
        )
        .leftJoin('dedupe_sources as s', (j) =>
          j.onRef('s.tenant_id', '=', 'o.tenant_id').onRef('s.opportunity_id', '=', 'o.id'),
        )
        .select('o.id')
        .where('o.tenant_id', '=', tenantId)
        .where('o.account_id', 'in', accountIds.slice(i, i + CHUNK))
        .where((eb) => differs(eb, 'a.version'))
        .execute();
      for (const r of rows) ids.push(r.id as string);
    }
    return ids;
  }

  /** Kept as the source row of no opportunity (id ''), so `watermark` is one primary-key lookup. */
  async markRefreshed(at: Instant): Promise<void> {
    await this.replaceSources([{ opportunityId: REFRESHED, version: 0, accountVersion: null, seenAt: at }]);
  }

  /** The instant marked last, not the sources' `seenAt`: see `DedupeKeyStore` on a stopped refresh. */
  async watermark(): Promise<Instant | null> {
    const row = await this.ctx.db
      .selectFrom('dedupe_sources')
      .select('seen_at')
      .where('tenant_id', '=', this.ctx.tenantId)
      .where('opportunity_id', '=', REFRESHED)
      .executeTakeFirst();
    return row === undefined ? null : this.ctx.engine.decodeInstant(row.seen_at);
  }
}
