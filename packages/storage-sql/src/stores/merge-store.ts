import { ConcurrencyError, type MergeRecord, type MergeStore } from '@gongfu/core';
import type { StoreContext } from '../records/store-context.js';

/** Reversible merges; compare-and-set on version like every versioned record. */
export class SqlMergeStore implements MergeStore {
  constructor(private readonly ctx: StoreContext) {}

  async insert(merge: MergeRecord): Promise<void> {
    await this.ctx.db
      .insertInto('merges')
      .values({ tenant_id: this.ctx.tenantId, id: merge.id, ...this.encode(merge) })
      .execute();
  }

  async get(id: string): Promise<MergeRecord | null> {
    const row = await this.ctx.db
      .selectFrom('merges')
      .selectAll()
      .where('tenant_id', '=', this.ctx.tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (row === undefined) return null;
    const { engine } = this.ctx;
    return {
      id: row.id,
      entityType: row.entity_type,
      survivorId: row.survivor_id,
      mergedId: row.merged_id,
      moved: engine.decodeJson(row.moved),
      mergedBy: row.merged_by,
      mergedAt: engine.decodeInstant(row.merged_at),
      undoneAt: row.undone_at === null ? null : engine.decodeInstant(row.undone_at),
      version: engine.decodeInt(row.version),
    };
  }

  async update(merge: MergeRecord, expectedVersion: number): Promise<void> {
    const result = await this.ctx.db
      .updateTable('merges')
      .set(this.encode(merge))
      .where('tenant_id', '=', this.ctx.tenantId)
      .where('id', '=', merge.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) return;
    const actual = await this.get(merge.id);
    throw new ConcurrencyError('merge', merge.id, expectedVersion, actual?.version ?? null);
  }

  private encode(m: MergeRecord): Record<string, unknown> {
    const { engine } = this.ctx;
    return {
      entity_type: m.entityType,
      survivor_id: m.survivorId,
      merged_id: m.mergedId,
      moved: engine.encodeJson(m.moved),
      merged_by: m.mergedBy,
      merged_at: engine.encodeInstant(m.mergedAt),
      undone_at: m.undoneAt === null ? null : engine.encodeInstant(m.undoneAt),
      version: m.version,
    };
  }
}
