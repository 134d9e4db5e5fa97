import type { CrmStorage } from '@gongfu/core';
import type { StorageFactory } from '@gongfu/service-suites';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAll } from './leak-checks.js';
import { buildWorld, LEAK_RUNS, scenarioArb } from './leak-world.js';

/*
 * Issue 11's generated leak suite: for every actor of a generated world (leak-world.ts) and every
 * read path (leak-checks.ts), what the service answers must equal a pure oracle written from
 * docs/permissions.md (leak-oracle.ts) — the ids, and every label and text, which may name only
 * records the actor can open.
 *
 * The public read paths it asks, each on SQLite, PostgreSQL and PGlite (leak-checks.ts):
 * - gets, with history and explanation: deals (and `explainAccess`), customers, contacts,
 *   activities, costs, orders, service cases, demo loans, leads; quotas (`quotas.get`);
 * - lists: deals, customers, contacts of each customer (and of all at once), activities, costs,
 *   orders, service cases, demo loans, leads, a lead's quotes, quotas; `costs.total`;
 * - search: `accounts.search`, `contacts.search`, `search.find`; `leads.lastQuote`;
 * - a customer's team and timeline; the change feed (`events.since`);
 * - the calendar (`activities.calendar`: day, week, month; own, team, each person; listed and
 *   counted); due reminders and escalations, record by record;
 * - reports: cost rollup, pipeline, quota attainment, quote conflicts, the morning review (texts);
 * - duplicates: the scan, the stored check of each deal, clusters; the CLI's `review` and
 *   `duplicates` run as the actor (texts).
 * Not asked: `duplicates.resolutions` (the worlds settle no pair), the HTTP layer (it calls these).
 */
export function describeLeakSuite(makeStorage: StorageFactory, engine: string): void {
  describe(`generated leak suite (${engine})`, () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(() => storage.close());

    it(
      'every actor × read path equals the oracle from docs/permissions.md, with hand-overs interleaved',
      async () => {
        let checks = 0;
        let worlds = 0;
        await fc.assert(
          fc.asyncProperty(scenarioArb, async (s) => {
            checks += await checkAll(await buildWorld(storage, s));
            worlds++;
          }),
          {
            numRuns: LEAK_RUNS,
            seed: process.env.GONGFU_LEAK_SEED ? Number(process.env.GONGFU_LEAK_SEED) : undefined,
          },
        );
        // Every mismatch fails the property, so reaching here means leaks = 0.
        console.log(
          `leak suite (${engine}): ${worlds} worlds, actors × paths checked = ${checks}, leaks = 0`,
        );
        expect(checks).toBeGreaterThan(0);
      },
      60_000 + LEAK_RUNS * 15_000,
    );
  });
}
