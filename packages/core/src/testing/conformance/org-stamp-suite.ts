import { describe, expect } from 'vitest';
import { conformanceIt, freshTenant, inTx } from './conformance-it.js';
import { BASE_INSTANT, buildProduct, buildUser } from './fixtures.js';
import type { SuiteState } from './harness.js';

/**
 * The org stamp lets services cache the org chart and the configuration; it must move on every
 * user change and every configuration version, and only then.
 */
export function registerOrgStamp(state: SuiteState): void {
  describe('org stamp', () => {
    conformanceIt(
      state,
      'org.stamp',
      'stamp changes on every user insert and update and every configuration version, stays equal otherwise, and is per tenant',
      async () => {
        const tenantId = await freshTenant(state);
        const other = await freshTenant(state);
        const stamp = (t: string) => inTx(state, t, (tx) => tx.org.stamp());
        const empty = await stamp(tenantId);
        const user = buildUser(tenantId);
        await inTx(state, tenantId, (tx) => tx.users.insert(user));
        const afterInsert = await stamp(tenantId);
        expect(afterInsert).not.toBe(empty);
        expect(await stamp(tenantId)).toBe(afterInsert);
        await inTx(state, tenantId, (tx) =>
          tx.users.update({ ...user, role: 'sales_manager', version: 2 }, 1),
        );
        const afterUpdate = await stamp(tenantId);
        expect(afterUpdate).not.toBe(afterInsert);
        await inTx(state, other, (tx) => tx.users.insert(buildUser(other)));
        expect(await stamp(tenantId), 'another tenant’s users do not move this stamp').toBe(afterUpdate);
        await inTx(state, tenantId, (tx) =>
          tx.configs.append({
            version: 1,
            config: { pipelines: {} },
            createdAt: BASE_INSTANT,
            createdBy: user.id,
          }),
        );
        const afterConfig = await stamp(tenantId);
        expect(afterConfig, 'a configuration version moves the stamp').not.toBe(afterUpdate);
        expect(await stamp(tenantId)).toBe(afterConfig);
      },
    );
    conformanceIt(
      state,
      'catalogue.stamp',
      'catalogue stamp (optional port) changes on every product insert and update, stays equal otherwise, and is per tenant',
      async () => {
        const tenantId = await freshTenant(state);
        const other = await freshTenant(state);
        const stamp = (t: string) =>
          inTx(state, t, async (tx) => (tx.catalogue ? tx.catalogue.stamp() : null));
        const empty = await stamp(tenantId);
        // An adapter without the port is valid: services then read the products on every check.
        if (empty === null) return;
        const product = buildProduct(tenantId);
        await inTx(state, tenantId, (tx) => tx.products.insert(product));
        const afterInsert = await stamp(tenantId);
        expect(afterInsert).not.toBe(empty);
        expect(await stamp(tenantId)).toBe(afterInsert);
        await inTx(state, tenantId, (tx) => tx.products.update({ ...product, active: false, version: 2 }, 1));
        const afterUpdate = await stamp(tenantId);
        expect(afterUpdate).not.toBe(afterInsert);
        await inTx(state, other, (tx) => tx.products.insert(buildProduct(other)));
        expect(await stamp(tenantId), 'another tenant’s products do not move this stamp').toBe(afterUpdate);
        await inTx(state, tenantId, (tx) => tx.users.insert(buildUser(tenantId)));
        expect(await stamp(tenantId), 'a user written does not move the catalogue stamp').toBe(afterUpdate);
      },
    );
  });
}
