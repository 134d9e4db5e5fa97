import type {
  DomainEvent,
  DomainEventDraft,
  FeedClaim,
  FeedSettlement,
  FeedStore,
  Instant,
  RowScope,
} from '@gongfu/core';
import { CompiledQuery, type Expression, type SqlBool, sql } from 'kysely';
import type { AnyExpressionBuilder, AnyRow } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { dealTeamReads, readsThrough, scopeWhere } from '../records/compile-where.js';
import { executeCached } from '../records/compiled-cache.js';
import { placeholderRows, sizedStatement } from '../records/sized-statement.js';
import { activitySpec } from '../records/specs-operations.js';
import type { StoreContext } from '../records/store-context.js';

const COLUMNS = [
  'k',
  'event_type',
  'entity_type',
  'entity_id',
  'owner_id',
  'team_key',
  'at',
  'payload',
] as const;

/** The append statement for `count` events, per engine; built once per size. */
const appendSql = new Map<string, string>();

/** SQLite: events per INSERT, so a command with thousands of events stays under the parameter limit. */
const SQLITE_ROWS_PER_APPEND = 500;
/**
 * PostgreSQL: events per statement. A statement binds at most 65,535 parameters and an event takes
 * 8, so one append of more than 8,191 events would fail whole; each chunk bumps the head row the
 * transaction already holds locked, so the numbers stay gapless and in order across chunks.
 */
const POSTGRES_ROWS_PER_APPEND = 4000;

/**
 * The numbering is the point. PostgreSQL: one statement bumps the tenant's head row by the number
 * of events and numbers them below it; the row stays locked until COMMIT, and the runner sends the
 * append with COMMIT, so the next writer of the tenant draws its numbers only after this
 * transaction is visible — seqs are gapless and in commit order, and a reader never sees n+1
 * before n. SQLite: max + k under the database's single write lock, numbered here and written as
 * plain VALUES rows (a VALUES table selected in order cost a sorter and a coroutine per append).
 */
function appendStatement(engine: 'sqlite' | 'postgres', count: number): string {
  return sizedStatement(appendSql, engine, count, (param) => {
    const insert =
      'insert into feed_events (tenant_id, seq, event_type, entity_type, entity_id, owner_id, team_key, at, payload)';
    if (engine === 'sqlite') return `${insert} values ${placeholderRows(param, count, COLUMNS.length + 1)}`;
    const tenant = param();
    const values = `v(${COLUMNS.join(', ')}) as (values ${placeholderRows(param, count, COLUMNS.length)})`;
    const n = param();
    return `with head as (insert into feed_heads (tenant_id, seq) values (${tenant}, ${n}::bigint)
      on conflict (tenant_id) do update set seq = feed_heads.seq + excluded.seq returning seq), ${values}
      ${insert} select ${tenant}, head.seq - ${n}::bigint + v.k::bigint, v.event_type, v.entity_type, v.entity_id,
      v.owner_id, v.team_key, v.at::timestamptz, v.payload::jsonb from head, v order by v.k::int`;
  });
}

/**
 * The feed's rows under the actor's scope, as each record's own list would scope them: an event of a
 * customer (account or contact, team_key = the account) is also read through a seat on the team of
 * a deal on that customer — the same read-only rule the account and contact lists apply — and an
 * activity's event by whoever reads the contact, order or service case it is about (the activity
 * list's `readThrough`), since its owner and team may be neither of theirs. Both only while the
 * access holds: the deal teams and the activity's record are consulted now, not when the event was
 * written.
 */
function feedScope(
  eb: AnyExpressionBuilder,
  scope: RowScope,
  engine: SqlEngine,
  tenantId: string,
): Expression<SqlBool> | null {
  const plain = scopeWhere(eb, scope, 'f', engine, tenantId);
  if (plain === null || scope.kind !== 'scoped' || scope.minAccess !== 'read') return plain;
  const widened = [plain, activityThroughSubject(eb, scope, engine, tenantId)];
  if (scope.memberIds.length > 0)
    widened.push(
      eb.and([eb('f.entity_type', 'in', ['account', 'contact']), dealTeamReads(eb, scope.memberIds, 'f')]),
    );
  return eb.or(widened);
}

/** An activity event whose activity is about a contact, order or service case the scope reads. */
function activityThroughSubject(
  eb: AnyExpressionBuilder,
  scope: RowScope,
  engine: SqlEngine,
  tenantId: string,
): Expression<SqlBool> {
  const through = activitySpec.readThrough ?? [];
  return eb.and([
    eb('f.entity_type', '=', 'activity'),
    eb.exists(
      eb
        .selectFrom(`${activitySpec.table} as fa`)
        .select(sql.lit(1).as('one'))
        .whereRef('fa.tenant_id', '=', 'f.tenant_id')
        .whereRef('fa.id', '=', 'f.entity_id')
        .where((sub) =>
          sub.or(through.map((t, i) => readsThrough(sub, scope, 'fa', `fa_rt${i}`, t, engine, tenantId))),
        ),
    ),
  ]);
}

/** An event's columns after its number: what it is, whose, when, and the payload without owner and team. */
function pushEventColumns(params: unknown[], e: DomainEventDraft, engine: SqlEngine): void {
  const { ownerId, teamKey, ...payload } = e;
  params.push(
    e.type,
    e.entityType,
    e.entityId,
    ownerId,
    teamKey,
    engine.encodeInstant(e.at),
    JSON.stringify(payload),
  );
}

export class SqlFeedStore implements FeedStore {
  constructor(private readonly ctx: StoreContext) {}

  async append(events: readonly DomainEventDraft[]): Promise<void> {
    if (events.length === 0) return;
    const { engine, tenantId } = this.ctx;
    if (engine.name !== 'postgres') return this.appendNumbered(events, await this.highestSeq());
    for (let start = 0; start < events.length; start += POSTGRES_ROWS_PER_APPEND) {
      const end = Math.min(events.length, start + POSTGRES_ROWS_PER_APPEND);
      const params: unknown[] = [tenantId];
      for (let i = start; i < end; i++) {
        params.push(i - start + 1);
        pushEventColumns(params, events[i] as DomainEventDraft, engine);
      }
      params.push(end - start);
      const query = CompiledQuery.raw(appendStatement(engine.name, end - start), params);
      await this.ctx.write(query, { entity: 'feed', hot: true });
    }
  }

  /** SQLite: the events numbered top + 1, top + 2, … in order, in chunks of whole rows. */
  private async appendNumbered(events: readonly DomainEventDraft[], top: number): Promise<void> {
    const { engine, tenantId } = this.ctx;
    for (let start = 0; start < events.length; start += SQLITE_ROWS_PER_APPEND) {
      const end = Math.min(events.length, start + SQLITE_ROWS_PER_APPEND);
      const params: unknown[] = [];
      for (let i = start; i < end; i++) {
        params.push(tenantId, top + i + 1);
        pushEventColumns(params, events[i] as DomainEventDraft, engine);
      }
      const query = CompiledQuery.raw(appendStatement('sqlite', end - start), params);
      await this.ctx.write(query, { entity: 'feed', hot: true });
    }
  }

  /** SQLite: the tenant's last seq, read under the write lock the transaction holds. */
  private async highestSeq(): Promise<number> {
    const { rows } = await executeCached<{ top: unknown }>(
      this.ctx,
      'feed_events:top',
      [this.ctx.tenantId],
      () =>
        this.ctx.db
          .selectFrom('feed_events')
          .select((eb) => eb.fn.max('seq').as('top'))
          .where('tenant_id', '=', this.ctx.tenantId),
    );
    const top = rows[0]?.top;
    return top === null || top === undefined ? 0 : this.ctx.engine.decodeInt(top);
  }

  async since(scope: RowScope, afterSeq: number, limit: number): Promise<DomainEvent[]> {
    const { engine, tenantId } = this.ctx;
    const rows = await this.ctx.db
      .selectFrom('feed_events as f')
      .select(['f.seq', 'f.payload'])
      .where('f.tenant_id', '=', tenantId)
      .where('f.seq', '>', afterSeq)
      .where((eb) => feedScope(eb, scope, engine, tenantId) ?? sql<boolean>`true`)
      .orderBy('f.seq')
      .limit(limit)
      .execute();
    return rows.map((r) => this.decode(r));
  }

  async claim(
    handler: string,
    workerId: string,
    now: Instant,
    leaseMs: number,
    limit: number,
  ): Promise<FeedClaim | null> {
    const { engine, tenantId, db } = this.ctx;
    const t = engine.encodeInstant(now);
    await db
      .insertInto('feed_cursors')
      .values({ tenant_id: tenantId, handler, position: 0, attempts: 0, claim_no: 0 })
      .onConflict((oc) => oc.columns(['tenant_id', 'handler']).doNothing())
      .execute();
    // Lock the cursor (PostgreSQL: skipping one another dispatcher is claiming right now), then
    // lease it only when there is something to deliver.
    const cursor = await db
      .selectFrom('feed_cursors')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('handler', '=', handler)
      .where((eb) => eb.or([eb('claimed_by', 'is', null), eb('claim_expires_at', '<=', t)]))
      .where((eb) => eb.or([eb('retry_at', 'is', null), eb('retry_at', '<=', t)]))
      .$if(engine.name === 'postgres', (qb) => qb.forUpdate().skipLocked())
      .executeTakeFirst();
    if (cursor === undefined) return null;
    const position = engine.decodeInt(cursor.position);
    const rows = await db
      .selectFrom('feed_events')
      .select(['seq', 'payload'])
      .where('tenant_id', '=', tenantId)
      .where('seq', '>', position)
      .orderBy('seq')
      .limit(limit)
      .execute();
    if (rows.length === 0) return null;
    const claimNo = engine.decodeInt(cursor.claim_no) + 1;
    await db
      .updateTable('feed_cursors')
      .set({
        claimed_by: workerId,
        claim_expires_at: engine.encodeInstant(new Date(Date.parse(now) + leaseMs).toISOString() as Instant),
        claim_no: claimNo,
      })
      .where('tenant_id', '=', tenantId)
      .where('handler', '=', handler)
      .execute();
    return {
      handler,
      position,
      attempts: engine.decodeInt(cursor.attempts),
      claimNo,
      events: rows.map((r) => this.decode(r)),
    };
  }

  async settle(s: FeedSettlement, now: Instant): Promise<boolean> {
    const { engine, tenantId, db } = this.ctx;
    const result = await db
      .updateTable('feed_cursors')
      .set({
        position: s.position,
        attempts: s.attempts,
        retry_at: s.retryAt === null ? null : engine.encodeInstant(s.retryAt),
        last_error: s.lastError,
        claimed_by: null,
        claim_expires_at: null,
      })
      .where('tenant_id', '=', tenantId)
      .where('handler', '=', s.handler)
      .where('claim_no', '=', s.claimNo)
      .where('claimed_by', 'is not', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    if (s.deadLetter !== undefined) {
      await db
        .insertInto('feed_dead_letters')
        .values({
          tenant_id: tenantId,
          handler: s.handler,
          seq: s.deadLetter.seq,
          attempts: s.deadLetter.attempts,
          error: s.deadLetter.error,
          at: engine.encodeInstant(now),
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'handler', 'seq']).doNothing())
        .execute();
    }
    return true;
  }

  async deadLetters(
    handler: string,
  ): Promise<{ seq: number; attempts: number; error: string; at: Instant }[]> {
    const { engine, tenantId } = this.ctx;
    const rows = await this.ctx.db
      .selectFrom('feed_dead_letters')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('handler', '=', handler)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({
      seq: engine.decodeInt(r.seq),
      attempts: engine.decodeInt(r.attempts),
      error: r.error,
      at: engine.decodeInstant(r.at),
    }));
  }

  private decode(row: AnyRow): DomainEvent {
    const seq = this.ctx.engine.decodeInt(row.seq);
    const payload = this.ctx.engine.decodeJson<object>(row.payload);
    return {
      ...payload,
      seq,
      key: `${this.ctx.tenantId}/${seq}`,
      tenantId: this.ctx.tenantId,
    } as DomainEvent;
  }
}
