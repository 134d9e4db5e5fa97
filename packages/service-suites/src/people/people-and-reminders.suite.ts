import type { CrmStorage } from '@gongfu/core';
import { afterAll, beforeAll, describe } from 'vitest';
import { openWorld, type StorageFactory } from '../support/harness.js';
import { reminderActionCases } from './reminder-actions.cases.js';
import { usersProductsCases } from './users-products.cases.js';

/**
 * `crm.users`, `crm.products` and `crm.reminders` through `createCrm()` on one storage engine:
 * who may change the org chart and the catalogue, deactivation, and acting on reminders.
 * Every test opens its own tenant.
 */
export function describeUsersProductsReminders(makeStorage: StorageFactory): void {
  describe('service: users, products and reminders', () => {
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

    describe('users and products', () => usersProductsCases(world));
    describe('reminders', () => reminderActionCases(world));
  });
}
