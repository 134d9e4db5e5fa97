import type { CrmStorage } from '@gongfu/core';
import { afterAll, beforeAll, describe } from 'vitest';
import { openWorld, type StorageFactory } from '../support/harness.js';
import { dealContactCases } from './deal-contacts.cases.js';
import { endCustomerCases } from './end-customer.cases.js';

/**
 * The parties of a deal through `createCrm()` on one storage engine: the end customer behind the
 * integrator (a linked end-user account) with its tender, and the customer's people on the deal in
 * their buying roles, down to which of them a visit met. Every test opens its own tenant.
 */
export function describeDealParties(makeStorage: StorageFactory): void {
  describe('service: deal parties', () => {
    let storage: CrmStorage | undefined;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(async () => {
      await storage?.close();
    });
    const world = () => {
      if (!storage) throw new Error('storage not opened');
      return openWorld(storage);
    };

    describe('end customer and tender', () => endCustomerCases(world));
    describe('contacts in buying roles', () => dealContactCases(world));
  });
}
