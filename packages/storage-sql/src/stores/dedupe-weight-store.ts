import type { DedupeWeightStore, StoredDedupeWeights } from '@gongfu/core';
import { literalLimit } from '../records/compile-where.js';
import { executeCached } from '../records/compiled-cache.js';
import type { StoreContext } from '../records/store-context.js';

interface WeightRow {
  version: unknown;
  doc: unknown;
  estimated_at: unknown;
}

/** The tenant's duplicate weights by version; the primary key (tenant, version) makes a racing append a conflict. */
export class SqlDedupeWeightStore implements DedupeWeightStore {
  constructor(private readonly ctx: StoreContext) {}

  async latest(): Promise<StoredDedupeWeights | null> {
    const { engine } = this.ctx;
    const row = (
      await this.ctx.db
        .selectFrom('dedupe_weights')
        .select(['version', 'doc', 'estimated_at'])
        .where('tenant_id', '=', this.ctx.tenantId)
        .orderBy('version', 'desc')
        .limit(1)
        .execute()
    )[0] as WeightRow | undefined;
    if (!row) return null;
    return {
      version: engine.decodeInt(row.version),
      weights: engine.decodeJson(row.doc),
      estimatedAt: engine.decodeInstant(row.estimated_at),
    };
  }

  async latestVersion(): Promise<number | null> {
    const { rows } = await executeCached<{ version: unknown }>(
      this.ctx,
      'dedupe_weights:latestVersion',
      [this.ctx.tenantId],
      () =>
        this.ctx.db
          .selectFrom('dedupe_weights')
          .select('version')
          .where('tenant_id', '=', this.ctx.tenantId)
          .orderBy('version', 'desc')
          // A literal, so the statement's only parameter is the tenant and its text is cached.
          .limit(literalLimit(1)),
    );
    const row = rows[0];
    return row === undefined ? null : this.ctx.engine.decodeInt(row.version);
  }

  async append(entry: StoredDedupeWeights): Promise<void> {
    const { engine } = this.ctx;
    try {
      await this.ctx.db
        .insertInto('dedupe_weights')
        .values({
          tenant_id: this.ctx.tenantId,
          version: entry.version,
          doc: engine.encodeJson(entry.weights),
          estimated_at: engine.encodeInstant(entry.estimatedAt),
        })
        .execute();
    } catch (error) {
      throw engine.mapError(error, 'duplicate weights');
    }
  }
}
