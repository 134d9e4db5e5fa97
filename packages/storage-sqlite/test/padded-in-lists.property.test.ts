import type { CrmStorage } from '@gongfu/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as b from './support/builders.js';
import { memoryStorage } from './support/open-storage.js';

// Past one chunk of 500, so a read spans two statements of different padded lengths.
const STORED = 520;
const idOf = (i: number) => `acc${String(i).padStart(4, '0')}`;
let storage: CrmStorage;

beforeAll(async () => {
  storage = await memoryStorage(['t1']);
  await storage.transaction({ tenantId: 't1' }, async (tx) => {
    for (let i = 0; i < STORED; i++) await tx.accounts.insert({ ...b.buildAccount('t1'), id: idOf(i) });
  });
});
afterAll(() => storage.close());

describe('reads by a list of ids, the list padded to a few lengths (the same value repeated)', () => {
  it('getMany returns each stored id asked for once, in the order first asked, whatever the list length', async () => {
    // Stored ids, ids no record has, and repeats: lists of every length around the padded ones.
    const id = fc.oneof(
      fc.integer({ min: 0, max: STORED - 1 }).map(idOf),
      fc.integer({ min: STORED, max: STORED + 40 }).map(idOf),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(id, { maxLength: 700 }), async (ids) => {
        const got = await storage.transaction({ tenantId: 't1' }, (tx) => tx.accounts.getMany(ids));
        const stored = (x: string) => Number(x.slice(3)) < STORED;
        expect(got.map((a) => a.id)).toEqual([...new Set(ids)].filter(stored));
      }),
      { numRuns: 120 },
    );
  });
});
