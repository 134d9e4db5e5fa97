import { isCrmError } from '@gongfu/core';
import { describe, expect } from 'vitest';
import { conformanceIt, rejectionOf } from './conformance-it.js';
import { newTenant } from './fixtures.js';
import { CONFORMANCE_TABLES, type SuiteState } from './harness.js';
import { seedTenant } from './seed-tenant.js';

/** Every table is keyed by `tenant_id`, `tenants` included. */
const ROW_TABLES = Object.values(CONFORMANCE_TABLES);

/** Tenant lifecycle: create/get/list, duplicate ids, and delete removing every row the tenant owns. */
export function registerTenants(state: SuiteState): void {
  describe('tenants', () => {
    conformanceIt(
      state,
      'tenants.create',
      'create → get deep-equal and listed; duplicate id → ConflictError',
      async () => {
        const tenants = state.ctx.storage.tenants;
        const tenant = newTenant({ name: '青岛示例科技' });
        await tenants.create(tenant);
        expect(await tenants.get(tenant.id)).toEqual(tenant);
        expect(await tenants.get(`${tenant.id}-missing`)).toBeNull();
        expect((await tenants.list()).filter((t) => t.id === tenant.id)).toEqual([tenant]);
        const error = await rejectionOf(tenants.create({ ...tenant, name: 'Someone else' }));
        expect(isCrmError(error, 'CONFLICT'), String(error)).toBe(true);
        expect(await tenants.get(tenant.id)).toEqual(tenant);
        const raw = await state.ctx.raw.rows(CONFORMANCE_TABLES.tenants, { tenant_id: tenant.id });
        expect(raw).toHaveLength(1);
      },
    );

    conformanceIt(
      state,
      'tenants.delete',
      'delete(B) removes every row of B and leaves A intact',
      async () => {
        const tenants = state.ctx.storage.tenants;
        const a = newTenant();
        const b = newTenant();
        await tenants.create(a);
        await tenants.create(b);
        await seedTenant(state, a.id, `a${a.id}`);
        await seedTenant(state, b.id, `b${b.id}`);
        const countRows = async (tenantId: string) => {
          const counts: Record<string, number> = {};
          for (const table of ROW_TABLES)
            counts[table] = (await state.ctx.raw.rows(table, { tenant_id: tenantId })).length;
          return counts;
        };
        const before = await countRows(a.id);
        expect(
          Object.values(await countRows(b.id)).every((n) => n > 0),
          'B was seeded in every table',
        ).toBe(true);
        await tenants.delete(b.id);
        const zero = Object.fromEntries(ROW_TABLES.map((t) => [t, 0]));
        expect(await countRows(b.id)).toEqual(zero);
        expect(await tenants.get(b.id)).toBeNull();
        expect((await tenants.list()).some((t) => t.id === b.id)).toBe(false);
        expect(await countRows(a.id)).toEqual(before);
        expect(await tenants.get(a.id)).toEqual(a);
      },
    );
  });
}
