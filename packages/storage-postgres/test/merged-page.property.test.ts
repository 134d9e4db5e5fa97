import type { CrmStorage } from '@gongfu/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  expectMergedEqualsWalked,
  worldArb,
  writeWorld,
} from '../../storage-sqlite/test/support/merged-page-world.js';
import { openTestDatabase, type TestDatabase, usePgTarget } from './support/pg-target.js';

usePgTarget();

// Two storages on one schema: one merges index ranges of the scope's keys (its writes keep
// team_owner_id through the triggers of 0023), the other walks the table with the scope as a filter.
let db: TestDatabase;
let walked: CrmStorage;
let run = 0;
beforeAll(async () => {
  db = await openTestDatabase();
  walked = await db.openAnother({ scopedPages: 'walk' });
});
afterAll(async () => {
  await walked.close();
  await db.close();
});

describe('merged scoped pages (PostgreSQL)', () => {
  it('equal the walked pages (same rows, same order) for random org trees, transfers and moves', {
    timeout: 240_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async (world) => {
        run += 1;
        const tenantId = `merge-${run}`;
        await writeWorld(db.storage, tenantId, world);
        await expectMergedEqualsWalked(db.storage, walked, tenantId, world);
      }),
      { numRuns: 15 },
    );
  });
});
