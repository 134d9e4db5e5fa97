import type { OrgStamp } from '@gongfu/core';
import { sql } from 'kysely';
import { executeCached, writeCached } from '../records/compiled-cache.js';
import type { StoreContext } from '../records/store-context.js';
import { StaleOrgStamp } from './org-stamps.js';

const stampOf = (epoch: unknown, version: unknown) => `${String(epoch)}:${String(version)}`;

/**
 * The tenant row's org epoch and version (migration 0020): a trigger moves the version on every
 * user insert and update, and the epoch is new whenever the tenant row is, so the pair changes
 * exactly when the org chart may have. One primary-key lookup per command — or none where the
 * storage remembers the stamp (`StoreContext.orgStamps`): then the stamp is assumed and checked by
 * a statement that travels with the transaction's first one, failing it when the org changed.
 */
export class SqlOrgStamp implements OrgStamp {
  constructor(private readonly ctx: StoreContext) {}

  async stamp(): Promise<string> {
    const { orgStamps, tenantId } = this.ctx;
    const assumed = orgStamps?.get(tenantId);
    if (assumed !== undefined) {
      // Fails (division by zero) when the stamp moved on or the tenant row is gone.
      await writeCached(
        this.ctx,
        'tenants:org-stamp-check',
        [tenantId, assumed],
        () => ({
          compile: () =>
            sql<{ ok: number }>`select 1 / (select count(*) from tenants
              where tenant_id = ${tenantId} and org_epoch || ':' || org_version = ${assumed}) as ok`.compile(
              this.ctx.db,
            ),
        }),
        { entity: 'org', assertion: () => new StaleOrgStamp(tenantId) },
      );
      return assumed;
    }
    const { rows } = await executeCached<{ e: unknown; v: unknown }>(
      this.ctx,
      'tenants:org-stamp',
      [tenantId],
      () =>
        this.ctx.db
          .selectFrom('tenants')
          .select(['org_epoch as e', 'org_version as v'])
          .where('tenant_id', '=', tenantId),
    );
    const row = rows[0];
    if (row === undefined) return 'none';
    const stamp = stampOf(row.e, row.v);
    orgStamps?.remember(tenantId, stamp);
    return stamp;
  }
}
