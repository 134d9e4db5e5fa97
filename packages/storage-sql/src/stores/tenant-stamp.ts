import type { OrgStamp } from '@gongfu/core';
import { sql } from 'kysely';
import { executeCached, writeCached } from '../records/compiled-cache.js';
import type { StoreContext } from '../records/store-context.js';
import { StaleTenantStamp, type StampKind } from './tenant-stamps.js';

/** A stamp as the tenant row's epoch and version columns make it. */
export const stampOf = (epoch: unknown, version: unknown) => `${String(epoch)}:${String(version)}`;

/** The stamp of a tenant whose row is missing. */
export const NO_TENANT_STAMP = 'none';

/**
 * A stamp kept on the tenant's row: its random epoch (new whenever the tenant row is) and a version
 * a trigger moves on every write of the tracked table (users: migration 0020; products: 0022), so
 * the pair changes exactly when the org chart or the catalogue may have. One primary-key lookup per
 * command — or none where the storage remembers the stamp (`StoreContext.stamps`): then the stamp
 * is assumed and checked by a statement that travels with the transaction's next one, failing it
 * when the table changed.
 */
class SqlTenantStamp implements OrgStamp {
  constructor(
    private readonly ctx: StoreContext,
    private readonly kind: StampKind,
    private readonly versionColumn: 'org_version' | 'catalogue_version',
  ) {}

  async stamp(): Promise<string> {
    const known = this.ctx.memo.stamps?.[this.kind];
    if (known !== undefined) return known;
    const stamp = await this.readOrAssume();
    this.ctx.memo.stamps = { ...this.ctx.memo.stamps, [this.kind]: stamp };
    return stamp;
  }

  private async readOrAssume(): Promise<string> {
    const { stamps, tenantId } = this.ctx;
    const { kind, versionColumn } = this;
    const assumed = stamps?.get(kind, tenantId);
    if (assumed !== undefined) {
      // Fails (division by zero) when the stamp moved on or the tenant row is gone.
      await writeCached(
        this.ctx,
        `tenants:${kind}-stamp-check`,
        [tenantId, assumed],
        () => ({
          compile: () =>
            sql<{ ok: number }>`select 1 / (select count(*) from tenants
              where tenant_id = ${tenantId} and org_epoch || ':' || ${sql.ref(versionColumn)} = ${assumed}) as ok`.compile(
              this.ctx.db,
            ),
        }),
        { entity: kind, assertion: () => new StaleTenantStamp(kind, tenantId) },
      );
      return assumed;
    }
    const { rows } = await executeCached<{ e: unknown; v: unknown }>(
      this.ctx,
      `tenants:${kind}-stamp`,
      [tenantId],
      () =>
        this.ctx.db
          .selectFrom('tenants')
          .select(['org_epoch as e', `${versionColumn} as v`])
          .where('tenant_id', '=', tenantId),
    );
    const row = rows[0];
    if (row === undefined) return NO_TENANT_STAMP;
    const stamp = stampOf(row.e, row.v);
    stamps?.remember(kind, tenantId, stamp);
    return stamp;
  }
}

/** The org chart's stamp: moves with every user written. */
export class SqlOrgStamp extends SqlTenantStamp {
  constructor(ctx: StoreContext) {
    super(ctx, 'org', 'org_version');
  }
}

/** The product catalogue's stamp: moves with every product written. */
export class SqlCatalogueStamp extends SqlTenantStamp {
  constructor(ctx: StoreContext) {
    super(ctx, 'catalogue', 'catalogue_version');
  }
}
