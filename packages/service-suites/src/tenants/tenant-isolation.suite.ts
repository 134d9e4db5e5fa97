import type { CrmStorage } from '@gongfu/core';
import { createTenantAdmin, exportToString, isCrmError } from '@gongfu/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageFactory } from '../support/harness.js';
import { registerTenantLifecycleCases } from './tenant-lifecycle.cases.js';
import { buildTenant, type TenantFixture, tenantPlanArb } from './tenant-plan.js';
import { expectForeignIdsNotFound } from './tenant-probes.js';
import { expectedForAdmin, readEverything } from './tenant-reads.js';

// For engine packages' own cross-engine tests (e.g. export on SQLite, import on PostgreSQL).
export { buildTenant, type DealPlan, type TenantFixture, tenantPlanArb } from './tenant-plan.js';

/** Tenant ids unique per run, also when several files share one database server. */
export function tenantIds(storageRun: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `iso-${storageRun}-${i}`);
}

/** Every read path, every actor role: only rows of the actor's own tenant, and all of them for an admin. */
async function expectConfined(f: TenantFixture): Promise<void> {
  const { admin, manager, repA } = f.org;
  for (const actor of [admin, manager, repA]) {
    const reads = await readEverything(f, actor);
    for (const [path, items] of Object.entries(reads)) {
      const foreign = items.filter((r) => r.tenantId !== f.tenantId);
      expect(foreign, `${path} as ${actor.name} of ${f.tenantId}`).toEqual([]);
    }
    if (actor === admin) {
      for (const [path, ids] of Object.entries(expectedForAdmin(f))) {
        const got = [...new Set((reads[path] ?? []).map((r) => r.id as string))].sort();
        expect(got, `${path} as the admin of ${f.tenantId}`).toEqual(ids);
      }
    }
  }
  const totals = await f.crm.costs.total(admin);
  expect(
    totals.map((t) => [t.currency, t.amount]),
    `costs.total of ${f.tenantId}`,
  ).toEqual(f.costTotal === 0 ? [] : [['CNY', f.costTotal]]);
}

/**
 * Multi-tenant isolation through the service (issue 6), on any engine: generated workspaces side
 * by side on one storage; no read path of one returns another's row, guessed ids are refused
 * exactly like missing ones, users cannot cross over, and export → delete → import reproduces a
 * tenant exactly.
 */
export function describeTenantIsolation(makeStorage: StorageFactory): void {
  describe('service: tenant isolation', () => {
    let storage: CrmStorage;
    let runs = 0;
    const run = () => `${Date.now().toString(36)}${(runs++).toString(36)}`;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(async () => {
      await storage.close();
    });

    it('generated tenants: every read path of a tenant returns its own rows only (ids disjoint or equal)', async () => {
      await fc.assert(
        fc.asyncProperty(tenantPlanArb, tenantPlanArb, tenantPlanArb, async (planA, planB, planC) => {
          const [a, b, c] = tenantIds(run(), 3) as [string, string, string];
          // C reuses A's id tag, so A and C hold records with the very same ids.
          const tenants = [
            await buildTenant(storage, a, 'a', planA),
            await buildTenant(storage, b, 'b', planB),
            await buildTenant(storage, c, 'a', planC),
          ];
          for (const f of tenants) await expectConfined(f);
        }),
        { numRuns: 4 },
      );
    });

    it("guessing another tenant's ids (reads and writes) is NOT_FOUND, indistinguishable from a missing id", async () => {
      await fc.assert(
        fc.asyncProperty(tenantPlanArb, tenantPlanArb, async (planA, planB) => {
          const [a, b] = tenantIds(run(), 2) as [string, string];
          const ta = await buildTenant(storage, a, 'a', planA);
          const tb = await buildTenant(storage, b, 'b', planB);
          const admin = createTenantAdmin(storage);
          const before = await exportToString(admin.export(b));
          let probes = 0;
          for (const actor of [ta.org.admin, ta.org.repA])
            probes += await expectForeignIdsNotFound(ta, actor, tb);
          expect(probes).toBeGreaterThan(0);
          // The refused writes left no trace in B.
          expect(await exportToString(admin.export(b))).toBe(before);
        }),
        { numRuns: 2 },
      );
    });

    it("users of one tenant are refused by another tenant's service, like an unknown user", async () => {
      const [a, b] = tenantIds(run(), 2) as [string, string];
      const ta = await buildTenant(storage, a, 'a', [
        { company: '青岛港务物流', rep: 'repA', quote: true, reach: 'converted', cost: 5, visitDay: 1 },
      ]);
      const tb = await buildTenant(storage, b, 'b', [
        { company: '青岛港务物流', rep: 'repA', quote: true, reach: 'converted', cost: 5, visitDay: 1 },
      ]);
      const intoB = ta.crm.forTenant(b);
      expect(intoB.tenantId).toBe(b);
      const shape = async (p: Promise<unknown>, id: string) => {
        const e = await p.then(
          () => null,
          (x: unknown) => x,
        );
        if (!isCrmError(e)) throw new Error(`expected a refusal, got ${String(e)}`);
        return { code: e.code, message: e.message.split(id).join('<id>') };
      };
      const unknown = await shape(intoB.leads.list('user_nobody'), 'user_nobody');
      expect(unknown.code).toBe('NOT_FOUND');
      for (const user of Object.values(ta.org)) {
        expect(await shape(intoB.leads.list(user), user.id), user.name).toEqual(unknown);
        expect(
          await shape(intoB.opportunities.get(user, tb.ids.opportunities[0] as string), user.id),
        ).toEqual(unknown);
        expect(await shape(intoB.costs.total(user), user.id)).toEqual(unknown);
      }
      // B's own users, through the very same object, are served.
      expect((await intoB.leads.list(tb.org.admin)).items.map((l) => l.id)).toEqual(tb.ids.leads);
    });

    registerTenantLifecycleCases(() => storage, run);
  });
}
