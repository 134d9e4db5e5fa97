import type { OrgStamp } from '@gongfu/core';
import { sql } from 'kysely';
import { executeCached } from '../records/compiled-cache.js';
import type { StoreContext } from '../records/store-context.js';

/**
 * Count and version sum of the tenant's users: an insert raises the count, every update raises a
 * version, and users are never deleted (they are deactivated), so the pair changes exactly when
 * the org chart may have (max(updated_at) also guards a whole tenant deleted and re-imported). One indexed aggregate instead of reading every user document.
 */
export class SqlOrgStamp implements OrgStamp {
  constructor(private readonly ctx: StoreContext) {}

  async stamp(): Promise<string> {
    const { rows } = await executeCached<{ n: unknown; v: unknown; u: unknown }>(
      this.ctx,
      'users:stamp',
      [this.ctx.tenantId],
      () =>
        this.ctx.db
          .selectFrom('users')
          .select([
            sql<number>`count(*)`.as('n'),
            sql<number>`coalesce(sum(version), 0)`.as('v'),
            sql<string>`max(updated_at)`.as('u'),
          ])
          .where('tenant_id', '=', this.ctx.tenantId),
    );
    const row = rows[0];
    const latest = row?.u instanceof Date ? row.u.toISOString() : String(row?.u ?? '');
    return `${String(row?.n ?? 0)}:${String(row?.v ?? 0)}:${latest}`;
  }
}
