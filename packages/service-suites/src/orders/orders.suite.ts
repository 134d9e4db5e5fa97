import type { CrmStorage } from '@gongfu/core';
import { afterAll, beforeAll, describe } from 'vitest';
import { openWorld, type StorageFactory } from '../support/harness.js';
import { demoLoanCases } from '../work/demo-loan.cases.js';
import { orderAccessCases } from './orders-access.cases.js';
import { orderFlowCases } from './orders-flow.cases.js';
import { orderRefusalCases } from './orders-refusal.cases.js';
import { serviceCaseCases } from './service-case.cases.js';

/**
 * Orders, after-sales service cases and demo loans through `createCrm()` on one storage engine.
 * Every test opens its own tenant, so tests share the storage but never each other's rows.
 */
export function describeOrderCommands(makeStorage: StorageFactory): void {
  describe('orders, service cases and demo loans', () => {
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

    describe('lifecycle', () => orderFlowCases(world));
    describe('after-sales service', () => serviceCaseCases(world));
    describe('refusals', () => orderRefusalCases(world));
    describe('permissions and validation', () => orderAccessCases(world));
    describe('demo loans', () => demoLoanCases(world));
  });
}
