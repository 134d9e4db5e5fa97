import {
  type DuplicateKind,
  type DuplicateResolution,
  type DuplicateResolutionStore,
  orderedPair,
} from '@gongfu/core';
import type { AnyRow } from '../any-db.js';
import type { StoreContext } from '../records/store-context.js';

/** Keeps `IN (…)` lists well under every engine's bound-parameter limit. */
const CHUNK = 500;

/** Verdicts on duplicate pairs; one row per (kind, pair), the pair stored smaller id first. */
export class SqlDuplicateResolutionStore implements DuplicateResolutionStore {
  constructor(private readonly ctx: StoreContext) {}

  async put(resolution: DuplicateResolution): Promise<void> {
    const { aId, bId } = orderedPair(resolution.aId, resolution.bId);
    const verdict = {
      resolution: resolution.resolution,
      resolved_by: resolution.resolvedBy,
      at: this.ctx.engine.encodeInstant(resolution.at),
    };
    // One statement, so two managers resolving the same pair at once cannot leave two rows.
    await this.ctx.db
      .insertInto('duplicate_resolutions')
      .values({ tenant_id: this.ctx.tenantId, kind: resolution.kind, a_id: aId, b_id: bId, ...verdict })
      .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'a_id', 'b_id']).doUpdateSet(verdict))
      .execute();
  }

  async get(kind: DuplicateKind, x: string, y: string): Promise<DuplicateResolution | null> {
    const { aId, bId } = orderedPair(x, y);
    const row = await this.ctx.db
      .selectFrom('duplicate_resolutions')
      .selectAll()
      .where('tenant_id', '=', this.ctx.tenantId)
      .where('kind', '=', kind)
      .where('a_id', '=', aId)
      .where('b_id', '=', bId)
      .executeTakeFirst();
    return row === undefined ? null : this.decode(row);
  }

  async touching(kind: DuplicateKind, ids: readonly string[]): Promise<DuplicateResolution[]> {
    const unique = [...new Set(ids)];
    const found = new Map<string, DuplicateResolution>();
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      const rows = await this.ctx.db
        .selectFrom('duplicate_resolutions')
        .selectAll()
        .where('tenant_id', '=', this.ctx.tenantId)
        .where('kind', '=', kind)
        .where((eb) => eb.or([eb('a_id', 'in', chunk), eb('b_id', 'in', chunk)]))
        .execute();
      // A pair may touch two chunks; key by pair so it is returned once.
      for (const row of rows) found.set(`${row.a_id}\u0000${row.b_id}`, this.decode(row));
    }
    return [...found.values()].sort((p, q) => (p.aId === q.aId ? cmp(p.bId, q.bId) : cmp(p.aId, q.aId)));
  }

  async list(kind: DuplicateKind | undefined, limit: number): Promise<DuplicateResolution[]> {
    let query = this.ctx.db
      .selectFrom('duplicate_resolutions')
      .selectAll()
      .where('tenant_id', '=', this.ctx.tenantId);
    if (kind !== undefined) query = query.where('kind', '=', kind);
    const rows = await query
      .orderBy('at', 'desc')
      .orderBy('kind')
      .orderBy('a_id')
      .orderBy('b_id')
      .limit(limit)
      .execute();
    return rows.map((row) => this.decode(row));
  }

  private decode(row: AnyRow): DuplicateResolution {
    return {
      kind: row.kind,
      aId: row.a_id,
      bId: row.b_id,
      resolution: row.resolution,
      resolvedBy: row.resolved_by,
      at: this.ctx.engine.decodeInstant(row.at),
    };
  }
}

function cmp(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
