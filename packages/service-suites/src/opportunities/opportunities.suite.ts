import type { CrmStorage } from '@gongfu/core';
import { afterAll, beforeAll, describe } from 'vitest';
import { openWorld, type StorageFactory } from '../support/harness.js';
import { opportunityAccessCases } from './opportunity-access.cases.js';
import { opportunityClosingCases } from './opportunity-closing.cases.js';
import { opportunityPipelineCases } from './opportunity-pipeline.cases.js';

/**
 * `crm.opportunities` through `createCrm()` on one storage engine: the channel pipelines and their
 * gates, line items, closing and reopening, the virtual team, access explanations, scoped lists and
 * optimistic concurrency. Every test opens its own tenant.
 */
export function describeOpportunityCommands(makeStorage: StorageFactory): void {
  describe('service: opportunities', () => {
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

    describe('pipeline and lines', () => opportunityPipelineCases(world));
    describe('win, lose and reopen', () => opportunityClosingCases(world));
    describe('team, access and concurrency', () => opportunityAccessCases(world));
  });
}
