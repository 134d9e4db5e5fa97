import type { EntityType, HistoryEvent, HistoryLog, Range } from '@gongfu/core';
import type { AnyRow } from '../any-db.js';
import { inIds } from '../records/compile-where.js';
import { executeCached, writeCached } from '../records/compiled-cache.js';
import type { StoreContext } from '../records/store-context.js';
import { rowValues } from './row-values.js';

/**
 * The append-only change log; `seq` comes from the engine (max+1 under SQLite's write lock, a pg
 * sequence drawn inside the INSERT).
 */
export class SqlHistoryLog implements HistoryLog {
  constructor(private readonly ctx: StoreContext) {}

  async append(events: readonly Omit<HistoryEvent, 'seq' | 'tenantId'>[]): Promise<void> {
    if (events.length === 0) return;
    const { engine, tenantId } = this.ctx;
    const rows = events.map((e) => ({
      tenant_id: tenantId,
      entity_type: e.entityType,
      entity_id: e.entityId,
      event: e.event,
      actor_id: e.actorId,
      at: engine.encodeInstant(e.at),
      version: e.version,
      changes: engine.encodeJson(e.changes),
      meta: e.meta === null ? null : engine.encodeJson(e.meta),
    }));
    const shape = `history_events:insert:${rows.length}`;
    const options = { entity: 'history' };
    const sequence = engine.nextHistorySeq;
    if (sequence !== undefined) {
      // The sequence is drawn in the INSERT itself (rows in order), so the append waits for nothing.
      await writeCached(
        this.ctx,
        shape,
        rowValues(rows),
        () => this.ctx.db.insertInto('history_events').values(rows.map((r) => ({ ...r, seq: sequence() }))),
        options,
      );
      return;
    }
    const seqs = await engine.allocateSeqs(this.ctx, events.length);
    // Object.assign, not `{ ...r, seq }`: a spread then a new key gets a hidden class of its own per
    // row on Node 20 (core's kernel/merged.ts). The same keys, seq last, as the cached SQL expects.
    const numbered = rows.map((r, i) => Object.assign({}, r, { seq: seqs[i] }));
    await writeCached(
      this.ctx,
      shape,
      rowValues(numbered),
      () => this.ctx.db.insertInto('history_events').values(numbered),
      options,
    );
  }

  async forEntity(entityType: EntityType, entityId: string): Promise<HistoryEvent[]> {
    const { tenantId } = this.ctx;
    // A fixed text: compiled once, and prepared on PostgreSQL (a timeline reads it on every call).
    const { rows } = await executeCached<AnyRow>(
      this.ctx,
      'history_events:for-entity',
      [tenantId, entityType, entityId],
      () =>
        this.ctx.db
          .selectFrom('history_events')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('entity_type', '=', entityType)
          .where('entity_id', '=', entityId)
          .orderBy('seq'),
    );
    return rows.map((r) => this.decode(r));
  }

  async forEntities(entityType: EntityType, entityIds: readonly string[]): Promise<HistoryEvent[]> {
    const ids = [...new Set(entityIds)];
    if (ids.length === 0) return [];
    if (ids.length === 1) return this.forEntity(entityType, ids[0] as string);
    const { engine, tenantId } = this.ctx;
    // PostgreSQL: the ids as one array, so the text is one prepared statement whatever their count.
    const arrays = engine.name === 'postgres';
    const params = [tenantId, entityType, ...(arrays ? [ids] : ids)];
    const build = () =>
      this.ctx.db
        .selectFrom('history_events')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('entity_type', '=', entityType)
        .where((eb) => inIds(eb, 'entity_id', ids, arrays ? ids : undefined))
        .orderBy('entity_id')
        .orderBy('seq');
    const shape = `history_events:for-entities:${arrays ? 'array' : ids.length}`;
    const { rows } = await executeCached<AnyRow>(this.ctx, shape, params, build);
    return rows.map((r) => this.decode(r));
  }

  async byActors(
    actorIds: readonly string[],
    range: Range,
    limit: number,
    events?: readonly string[],
  ): Promise<HistoryEvent[]> {
    if (actorIds.length === 0 || events?.length === 0) return [];
    const { engine } = this.ctx;
    let query = this.ctx.db
      .selectFrom('history_events')
      .selectAll()
      .where('tenant_id', '=', this.ctx.tenantId)
      .where('actor_id', 'in', [...actorIds]);
    if (range.from !== undefined) query = query.where('at', '>=', engine.encodeInstant(range.from));
    if (range.to !== undefined) query = query.where('at', '<', engine.encodeInstant(range.to));
    if (events !== undefined) query = query.where('event', 'in', [...events]);
    const rows = await query.orderBy('at').orderBy('seq').limit(limit).execute();
    return rows.map((r) => this.decode(r));
  }

  private decode(row: AnyRow): HistoryEvent {
    const { engine } = this.ctx;
    return {
      tenantId: row.tenant_id,
      seq: engine.decodeInt(row.seq),
      entityType: row.entity_type,
      entityId: row.entity_id,
      event: row.event,
      actorId: row.actor_id,
      at: engine.decodeInstant(row.at),
      version: engine.decodeInt(row.version),
      changes: engine.decodeJson(row.changes),
      meta: row.meta === null ? null : engine.decodeJson(row.meta),
    };
  }
}
