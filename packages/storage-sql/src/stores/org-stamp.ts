import type { OrgStamp } from '@gongfu/core';
import { executeCached } from '../records/compiled-cache.js';
import type { StoreContext } from '../records/store-context.js';

/**
 * The tenant row's org epoch and version (migration 0020): a trigger moves the version on every
 * user insert and update, and the epoch is new whenever the tenant row is, so the pair changes
 * exactly when the org chart may have. One primary-key lookup per command.
 */
export class SqlOrgStamp implements OrgStamp {
  constructor(private readonly ctx: StoreContext) {}

  async stamp(): Promise<string> {
    const { rows } = await executeCached<{ e: unknown; v: unknown }>(
      this.ctx,
      'tenants:org-stamp',
      [this.ctx.tenantId],
      () =>
        this.ctx.db
          .selectFrom('tenants')
          .select(['org_epoch as e', 'org_version as v'])
          .where('tenant_id', '=', this.ctx.tenantId),
    );
    const row = rows[0];
    return row === undefined ? 'none' : `${String(row.e)}:${String(row.v)}`;
  }
}
