import {
  ConcurrencyError,
  type ListQuery,
  type Page,
  type RecordBase,
  type RecordStore,
  type RowScope,
  StorageError,
  type TeamMemberRow,
  ValidationError,
} from '@gongfu/core';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { AnyExpressionBuilder } from '../any-db.js';
import { encodeCell } from '../engine/sql-engine.js';
import { columnsToSet, rememberRow } from './changed-columns.js';
import { filterWhere, literalLimit, scopeWhere } from './compile-where.js';
import { executeCached, writeCached } from './compiled-cache.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { customerRange } from './customer-range.js';
import { paddedInList } from './in-list.js';
import { postgresWalk } from './postgres-walk.js';
import { BASE_COLUMN_KINDS, type RecordSpec } from './record-spec.js';
import { mergedPageRows, walkSeats } from './scoped-page.js';
import type { StoreContext } from './store-context.js';
import { storedColumns } from './stored-columns.js';

const CHUNK = 500;

/** Filters naming one customer, whose rows sit in an index range of their own (0093). */
const CUSTOMER_FILTERS = ['accountId', 'endCustomerId'] as const;

/** The one RecordStore implementation; every table differs only by its RecordSpec. */
export class SqlRecordStore<T extends RecordBase, F extends object> implements RecordStore<T, F> {
  constructor(
    private readonly ctx: StoreContext,
    private readonly spec: RecordSpec<T, F>,
  ) {}

  async get(id: string): Promise<T | null> {
    if (this.ctx.teams !== undefined) return this.getWithTeam(id, this.ctx.teams);
    const { rows } = await executeCached<{ doc: unknown }>(
      this.ctx,
      `${this.spec.table}:get`,
      [this.ctx.tenantId, id],
      () =>
        this.ctx.db
          .selectFrom(this.spec.table)
          .select('doc')
          .where('tenant_id', '=', this.ctx.tenantId)
          .where('id', '=', id),
    );
    const row = rows[0];
    if (row === undefined) return null;
    const record = this.ctx.engine.decodeJson<T>(row.doc);
    // The stored columns are the document's projection, so they are derived rather than read (an
    // update then sets only what changes): SQLite and its driver spent more on 18 more columns.
    rememberRow(this.ctx, this.rowKey(id), storedColumns(this.ctx.engine, this.spec, record, row.doc));
    return record;
  }

  /**
   * The record and its governing team in one read (PostgreSQL, where a read is a round trip): the
   * service authorizes every record it loads, and that reads the team next.
   */
  private async getWithTeam(id: string, teams: Map<string, TeamMemberRow[]>): Promise<T | null> {
    const { rows } = await executeCached<{ doc: unknown; team_key: string; team: unknown }>(
      this.ctx,
      `${this.spec.table}:get+team`,
      [this.ctx.tenantId, id],
      () =>
        this.ctx.db
          .selectFrom(`${this.spec.table} as t`)
          .select(['t.doc', 't.team_key'])
          .select((eb) =>
            eb
              .selectFrom('team_members as m')
              .select(
                sql`coalesce(json_agg(json_build_array(m.user_id, m.role, m.access, m.is_owner) order by m.is_owner desc, m.user_id), '[]'::json)`.as(
                  'members',
                ),
              )
              .whereRef('m.tenant_id', '=', 't.tenant_id')
              .whereRef('m.team_key', '=', 't.team_key')
              .as('team'),
          )
          .where('t.tenant_id', '=', this.ctx.tenantId)
          .where('t.id', '=', id),
    );
    const row = rows[0];
    if (row === undefined) return null;
    const { engine } = this.ctx;
    const members = engine.decodeJson<[string, TeamMemberRow['role'], TeamMemberRow['access'], unknown][]>(
      row.team,
    );
    teams.set(
      row.team_key,
      members.map(([userId, role, access, isOwner]) => ({
        userId,
        role,
        access,
        isOwner: engine.decodeBool(isOwner),
      })),
    );
    return engine.decodeJson<T>(row.doc);
  }

  async getMany(ids: readonly string[], scope?: RowScope): Promise<T[]> {
    const byId = new Map<string, T>();
    const unique = [...new Set(ids)];
    if (scope?.kind === 'none') return [];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      const rows = scope === undefined ? await this.docsById(chunk) : await this.scopedDocsById(chunk, scope);
      for (const row of rows) {
        const record = this.ctx.engine.decodeJson<T>(row.doc);
        byId.set(record.id, record);
      }
    }
    // In the order asked for, missing ids left out.
    return unique.flatMap((id) => byId.get(id) ?? []);
  }

  /** Documents by id, up to CHUNK ids, unscoped: one statement text per padded list length. */
  private async docsById(ids: readonly string[]): Promise<{ doc: unknown }[]> {
    const padded = paddedInList(ids);
    const { rows } = await executeCached<{ doc: unknown }>(
      this.ctx,
      `${this.spec.table}:getMany:${padded.length}`,
      [this.ctx.tenantId, ...padded],
      () =>
        this.ctx.db
          .selectFrom(`${this.spec.table} as t`)
          .select('t.doc')
          .where('t.tenant_id', '=', this.ctx.tenantId)
          .where('t.id', 'in', padded),
    );
    return rows;
  }

  /** Documents by id within the scope: the same WHERE as a list's, so a row comes back iff the actor may see it. */
  private async scopedDocsById(ids: readonly string[], scope: RowScope): Promise<{ doc: unknown }[]> {
    return this.ctx.db
      .selectFrom(`${this.spec.table} as t`)
      .select('t.doc')
      .where((eb) => eb.and([this.where(eb, undefined, scope), eb('t.id', 'in', ids)]))
      .execute();
  }

  async insert(record: T): Promise<void> {
    this.assertTenant(record);
    this.touchesStamps();
    if (record.version !== 1)
      throw new StorageError(`${this.spec.entity} ${record.id}: a new record has version 1`);
    const row = this.row(record);
    const values = { tenant_id: this.ctx.tenantId, id: record.id, ...row };
    const columns = Object.keys(values);
    await writeCached(
      this.ctx,
      `${this.spec.table}:insert:${columns.join(',')}`,
      Object.values(values),
      () => this.ctx.db.insertInto(this.spec.table).values(values),
      { entity: this.spec.entity },
    );
    rememberRow(this.ctx, this.rowKey(record.id), row);
  }

  async update(record: T, expectedVersion: number): Promise<void> {
    this.assertTenant(record);
    this.touchesStamps();
    if (record.version !== expectedVersion + 1) {
      throw new StorageError(
        `${this.spec.entity} ${record.id}: version ${record.version} must be expectedVersion + 1 (${expectedVersion + 1})`,
      );
    }
    // Compare-and-set in one statement: of racing writers with the same expected version, one wins.
    const row = this.row(record);
    const key = this.rowKey(record.id);
    const set = columnsToSet(this.ctx, key, expectedVersion, row);
    const { table, entity } = this.spec;
    const { tenantId } = this.ctx;
    await writeCached(
      this.ctx,
      `${table}:update:${Object.keys(set).join(',')}`,
      [...Object.values(set), tenantId, record.id, expectedVersion],
      () =>
        this.ctx.db
          .updateTable(table)
          .set(set)
          .where('tenant_id', '=', tenantId)
          .where('id', '=', record.id)
          .where('version', '=', expectedVersion),
      {
        entity,
        expectOne: {
          lost: async (read) => {
            const { rows } = await read<{ version: unknown }>(
              this.ctx.db
                .selectFrom(table)
                .select('version')
                .where('tenant_id', '=', tenantId)
                .where('id', '=', record.id)
                .compile(),
            );
            const actual = rows[0];
            return new ConcurrencyError(
              entity,
              record.id,
              expectedVersion,
              actual === undefined ? null : Number(actual.version),
            );
          },
        },
      },
    );
  }

  async list(query: ListQuery<F>): Promise<Page<T>> {
    if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 500) {
      throw new ValidationError([{ field: 'limit', message: 'limit must be an integer from 1 to 500' }]);
    }
    const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
    const { engine } = this.ctx;
    let seats: readonly string[] | undefined;
    const build = () =>
      this.ctx.db
        .selectFrom(`${this.spec.table} as t`)
        .select(['t.doc', 't.created_at', 't.id'])
        .where((eb) => this.where(eb, query.where, query.scope, seats))
        .$if(after !== null, (qb) =>
          qb.where((eb) => {
            const at = engine.encodeInstant(after!.createdAt);
            return eb.or([
              eb('t.created_at', '<', at),
              eb.and([eb('t.created_at', '=', at), eb('t.id', '<', after!.id)]),
            ]);
          }),
        )
        .orderBy('t.created_at', 'desc')
        .orderBy('t.id', 'desc')
        .limit(literalLimit(query.limit + 1));
    // A first page filtered only by `in` lists (the products of a deal's lines) has a fixed SQL text.
    const shape = after === null ? this.inListShape(query.where, query.scope) : null;
    // One customer's records: its account range (migration 0093, in page order) holds few rows, and
    // the filtered statement reads it with the scope tested per row; merged ranges would read the
    // scope's whole owner ranges (the rep's every deal) for them.
    const byCustomer = CUSTOMER_FILTERS.some(
      (k) => (query.where as Record<string, unknown> | undefined)?.[k] !== undefined,
    );
    // PostgreSQL reads one customer's rows as ranges of its page index (`postgresWalk`): that
    // filter is then part of the statement, not of the list's own filters.
    const customer =
      byCustomer && engine.name === 'postgres'
        ? customerRange(this.spec, query.where, CUSTOMER_FILTERS)
        : null;
    const own =
      customer === null ? query.where : ({ ...query.where, [customer.key]: undefined } as F | undefined);
    // The list's filters alone, `in` lists as arrays on PostgreSQL (spliced into its prepared pages).
    const pgFilters = (eb: AnyExpressionBuilder) =>
      eb.and(
        filterWhere(eb, engine, this.spec.filters, this.spec.columns, own, 't', engine.name === 'postgres'),
      );
    const filtered = Object.values(own ?? {}).some((v) => v !== undefined);
    const merged = byCustomer
      ? null
      : await mergedPageRows(
          this.ctx,
          this.spec,
          query.scope,
          pgFilters,
          after,
          query.limit,
          filtered,
          query.planOnce === true,
        );
    // SQLite's walk tests the scope's teams on the row, not by a seek per row walked.
    if (merged === null && shape === null) seats = await walkSeats(this.ctx, this.spec, query.scope);
    const rows =
      merged ??
      (shape === null
        ? engine.name === 'postgres' && this.ctx.scopedPages !== 'walk'
          ? await postgresWalk(
              this.ctx,
              this.spec,
              query.scope,
              pgFilters,
              filtered,
              after,
              query.limit,
              query.planOnce === true,
              customer,
            )
          : await build().execute()
        : (
            await executeCached<{ doc: unknown }>(
              this.ctx,
              `${shape.key}:list:${query.limit}`,
              shape.params,
              build,
            )
          ).rows);
    const page = rows.slice(0, query.limit).map((r) => engine.decodeJson<T>(r.doc));
    const last = page[page.length - 1];
    return {
      items: page,
      nextCursor:
        rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
    };
  }

  async count(where: F | undefined, scope: RowScope): Promise<number> {
    const build = () =>
      this.ctx.db
        .selectFrom(`${this.spec.table} as t`)
        .select(sql<number>`count(*)`.as('n'))
        .where((eb) => this.where(eb, where, scope));
    const shape = this.inListShape(where, scope);
    const row =
      shape === null
        ? await build().executeTakeFirst()
        : (await executeCached<{ n: unknown }>(this.ctx, `${shape.key}:count`, shape.params, build)).rows[0];
    return this.ctx.engine.decodeInt(row?.n ?? 0);
  }

  /**
   * A cache key for a count over all rows filtered only by non-empty `in` lists (a deal's order
   * count, on every stage move): then the SQL text depends on nothing but the keys and list
   * lengths. Any other filter or scope shapes its SQL by value, so it is built every time.
   */
  private inListShape(where: F | undefined, scope: RowScope): { key: string; params: unknown[] } | null {
    if (scope.kind !== 'all') return null;
    const parts: string[] = [];
    const params: unknown[] = [this.ctx.tenantId];
    for (const [key, value] of Object.entries(where ?? {})) {
      if (value === undefined) continue;
      const filter = this.spec.filters[key as keyof F];
      if (filter?.op !== 'in' || !Array.isArray(value) || value.length === 0) return null;
      const kind = this.spec.columns[filter.column] ?? BASE_COLUMN_KINDS[filter.column] ?? 'text';
      parts.push(`${key}:${value.length}`);
      for (const v of value) params.push(encodeCell(this.ctx.engine, kind, v));
    }
    return { key: `${this.spec.table}:${parts.join(',')}`, params };
  }

  private where(eb: AnyExpressionBuilder, where: F | undefined, scope: RowScope, seats?: readonly string[]) {
    const { engine } = this.ctx;
    const parts: Expression<SqlBool>[] = [eb('t.tenant_id', '=', this.ctx.tenantId)];
    parts.push(...filterWhere(eb, engine, this.spec.filters, this.spec.columns, where, 't'));
    const scoped = scopeWhere(
      eb,
      scope,
      't',
      this.ctx.engine,
      this.ctx.tenantId,
      this.spec.readByDealTeams,
      this.spec.readThrough,
      undefined,
      seats,
    );
    if (scoped !== null) parts.push(scoped);
    return eb.and(parts);
  }

  private rowKey(id: string): string {
    return `${this.spec.table}\u0000${id}`;
  }

  private row(record: T): Record<string, unknown> {
    return storedColumns(this.ctx.engine, this.spec, record, this.ctx.engine.encodeJson(record));
  }

  /** A user or product written: the stamp this storage remembers is stale once this commits. */
  private touchesStamps(): void {
    const kind = this.spec.table === 'users' ? 'org' : this.spec.table === 'products' ? 'catalogue' : null;
    if (kind === null) return;
    this.ctx.stamps?.forget(kind, this.ctx.tenantId);
    if (this.ctx.memo.stamps) delete this.ctx.memo.stamps[kind];
  }

  private assertTenant(record: T): void {
    if (record.tenantId !== this.ctx.tenantId) {
      throw new StorageError(
        `${this.spec.entity} ${record.id} belongs to tenant ${record.tenantId}, not to this transaction's ${this.ctx.tenantId}`,
      );
    }
  }
}
