import { afterAll, beforeAll, describe } from 'vitest';
import { registerActivityDaysCache } from './activity-days-cache-suite.js';
import { registerActivityDays } from './activity-days-suite.js';
import { registerConcurrency } from './concurrency-suite.js';
import { assertKnownSkips } from './conformance-it.js';
import { registerCounters } from './counters-suite.js';
import { registerCrud } from './crud-suite.js';
import { registerDedupeKeys } from './dedupe-keys-suite.js';
import { registerDispatch } from './dispatch-suite.js';
import { registerDuplicateResolutions } from './duplicates-suite.js';
import { registerEscalationClaims } from './escalation-claims-suite.js';
import { registerDealFilters } from './filters-deals-suite.js';
import { registerWorkFilters } from './filters-work-suite.js';
import type { ConformanceContext, ConformanceHarness, SuiteState } from './harness.js';
import { registerHistory } from './history-suite.js';
import { registerIsolation } from './isolation-suite.js';
import { registerMoney } from './money-suite.js';
import { registerOrgStamp } from './org-stamp-suite.js';
import { registerQuotes } from './quotes-suite.js';
import { registerRanges } from './ranges-suite.js';
import { registerRawColumns } from './raw-columns-suite.js';
import { registerRemindersByUser } from './reminders-by-user-suite.js';
import { registerReminders } from './reminders-suite.js';
import { registerScoping } from './scoping-suite.js';
import { registerTeams } from './teams-suite.js';
import { registerTenants } from './tenants-suite.js';
import { registerTransactions } from './transactions-suite.js';

/**
 * Registers the storage conformance suite for one engine. Call it at the top level of a test file:
 *
 * ```ts
 * runStorageConformance({ name: 'sqlite (memory)', open, close });
 * ```
 *
 * `harness.open()` is called once, in `beforeAll`; all tests share that store and each isolates itself
 * in a fresh tenant with a random id. Persistence is checked through `ctx.raw`, bypassing the adapter.
 */
export function runStorageConformance(harness: ConformanceHarness): void {
  describe(`storage conformance: ${harness.name}`, () => {
    let opened: ConformanceContext | undefined;
    const state: SuiteState = {
      harness,
      get ctx(): ConformanceContext {
        if (opened === undefined)
          throw new Error(`${harness.name}: the store is not open (harness.open failed?)`);
        return opened;
      },
    };
    beforeAll(async () => {
      // Nested describe blocks are collected after this factory returns, so skips are checked here.
      assertKnownSkips(harness);
      opened = await harness.open();
    });
    afterAll(async () => {
      if (opened !== undefined) await harness.close(opened);
      opened = undefined;
    });

    registerCrud(state);
    registerConcurrency(state);
    registerTransactions(state);
    registerScoping(state);
    registerActivityDays(state);
    registerActivityDaysCache(state);
    registerRawColumns(state);
    registerDealFilters(state);
    registerWorkFilters(state);
    registerRanges(state);
    registerMoney(state);
    registerQuotes(state);
    registerHistory(state);
    registerReminders(state);
    registerRemindersByUser(state);
    registerDispatch(state);
    registerEscalationClaims(state);
    registerTeams(state);
    registerOrgStamp(state);
    registerTenants(state);
    registerIsolation(state);
    registerDuplicateResolutions(state);
    registerDedupeKeys(state);
    registerCounters(state);
  });
}
