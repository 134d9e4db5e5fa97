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
