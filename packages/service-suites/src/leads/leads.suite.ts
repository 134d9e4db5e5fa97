import type { CrmStorage } from '@gongfu/core';
import { afterAll, beforeAll, describe } from 'vitest';
import { openWorld, type StorageFactory } from '../support/harness.js';
import { leadCaptureCases } from './lead-capture.cases.js';
import { leadConvertCases } from './lead-convert.cases.js';
import { leadQuoteCases } from './lead-quote.cases.js';
import { leadStatusCases } from './lead-status.cases.js';
import { leadWorkCases } from './lead-work.cases.js';

/**
 * `crm.leads` through `createCrm()` on one storage engine: capture from the four sources, contacts,
 * the quote ledger, the lifecycle, the follow-up reminder, visibility, history and conversion.
 * Every test opens its own tenant, so tests share the storage but never each other's rows.
 */
export function describeLeadCommands(makeStorage: StorageFactory): void {
  describe('service: leads', () => {
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

    describe('capture and visibility', () => leadCaptureCases(world));
    describe('contacts, edits and history', () => leadWorkCases(world));
    describe('quote ledger', () => leadQuoteCases(world));
    describe('lifecycle and follow-up', () => leadStatusCases(world));
    describe('conversion', () => leadConvertCases(world));
  });
}
