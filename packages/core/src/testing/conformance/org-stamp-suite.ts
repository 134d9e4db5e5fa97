import { describe, expect } from 'vitest';
import { conformanceIt, freshTenant, inTx } from './conformance-it.js';
import { BASE_INSTANT, buildUser } from './fixtures.js';
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
  });
}
