import type { CrmStorage } from '@gongfu/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { sqliteStorage } from '../src/index.js';
import { expectMergedEqualsWalked, worldArb, writeWorld } from './support/merged-page-world.js';
import { tempDir } from './support/open-storage.js';

// Two storages on one file: one merges index ranges of the scope's keys, the other walks the table
// with the scope as a filter (the reference). Every write goes through the merging one.
const tmp = tempDir();
let merged: CrmStorage;
let walked: CrmStorage;
let run = 0;
beforeAll(async () => {
  merged = await sqliteStorage({ filename: tmp.file });
  walked = await sqliteStorage({ filename: tmp.file, scopedPages: 'walk' });
});
afterAll(async () => {
  await merged.close();
  await walked.close();
  tmp.cleanup();
});

describe('merged scoped pages', () => {
  it('equal the walked pages (same rows, same order) for random org trees, transfers and moves', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async (world) => {
        run += 1;
        const tenantId = `merge-${run}`;
        await writeWorld(merged, tenantId, world);
        await expectMergedEqualsWalked(merged, walked, tenantId, world);
      }),
      { numRuns: 60 },
    );
  });
});
