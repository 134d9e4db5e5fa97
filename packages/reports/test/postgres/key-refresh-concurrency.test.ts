import type { DedupeBlock } from '@gongfu/core';
import { openWorld, type ServiceWorld } from '@gongfu/service-suites';
import { describe, expect, it } from 'vitest';
import { dealBlockingKeys } from '../../src/duplicates/dedupe-index.js';
import { refreshDedupeIndex, toDealRecord } from '../../src/index.js';
import { deal, STANDARD_BUNDLE, STORY_BASKET, seedStory } from '../duplicates/story-world.js';
import { openPgStorage, TARGET, usePgStorage } from './pg-storage.js';

usePgStorage();

/** The story and 24 more deals; sequential ids, so two worlds hold the same ids. */
async function world(): Promise<ServiceWorld> {
  const w = await seedStory(await openWorld(await openPgStorage()));
  for (let i = 0; i < 24; i++) {
    const basket = i % 2 === 0 ? STORY_BASKET : STANDARD_BUNDLE;
    await deal(w.crm, w.org.admin, i % 3 === 0 ? w.hengtong : w.ruida, `并发项目 ${i}`, basket, '2026-07-15');
  }
  return w;
}

/** The blocks stored under every blocking key of the given deals, as a reader sees them. */
async function blocksOf(w: ServiceWorld, ids: readonly string[]): Promise<DedupeBlock[]> {
  return w.storage.read({ tenantId: w.crm.tenantId }, async (tx) => {
    const opps = await tx.opportunities.getMany(ids);
    const accounts = new Map((await tx.accounts.getMany(opps.map((o) => o.accountId))).map((a) => [a.id, a]));
    const keys = opps.flatMap((o) => dealBlockingKeys(toDealRecord(o, accounts.get(o.accountId))));
    return tx.dedupeKeys.blocks(keys, 1000);
  });
}

describe(`concurrent key refreshes (${TARGET})`, () => {
  it('three refreshes of one tenant at once all succeed and leave the keys of one clean refresh', async () => {
    const clean = await world();
    const ids = await clean.storage.read({ tenantId: clean.crm.tenantId }, (tx) =>
      tx.dedupeKeys.stale(undefined),
    );
    await refreshDedupeIndex(clean.crm, { pageSize: 3 });
    const expected = await blocksOf(clean, ids);
    expect(expected.some((b) => b.size > 1)).toBe(true);
    await clean.storage.close();

    const w = await world();
    const runs = await Promise.allSettled([1, 2, 3].map(() => refreshDedupeIndex(w.crm, { pageSize: 3 })));
    expect(runs.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(await blocksOf(w, ids)).toEqual(expected);
    expect(
      await w.storage.read({ tenantId: w.crm.tenantId }, (tx) => tx.dedupeKeys.stale(undefined)),
    ).toEqual([]);
    await w.storage.close();
  });
});
