/**
 * A tenant's first scan estimates its weights and scans with the engine that estimated them, not
 * with a second one built from the same deals (`weightsForScan`, `DealDuplicateEngine.adoptWeights`).
 * What it returns must be what any later scan with the stored weights returns; and when a deal
 * changes between the estimate and the scan, the scan reads the deals as they now are.
 */
import type { Crm } from '@gongfu/core';
import { type DealDuplicate, DealDuplicateEngine, findDuplicateDeals, pairKey } from '@gongfu/reports';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scanMemoOf } from '../../src/duplicates/scan-memo.js';
import { openStoryWorld, type StoryWorld } from './story-world.js';

const everything = { minScore: -1e9 };

/** What a pair is to its reader: who, how sure, and why. */
const reading = (p: DealDuplicate) => [pairKey(p.a.id, p.b.id), p.score, p.copy, p.explanation.text];

/** A scan that cannot be served from what an earlier one left, with the weights already stored. */
async function later(w: StoryWorld): Promise<DealDuplicate[]> {
  scanMemoOf(w.storage, w.crm.tenantId).clear();
  return findDuplicateDeals(w.crm, w.org.admin, everything);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a tenant's first scan (SQLite)", () => {
  it('scans with the engine that estimated the weights, and returns what a later scan returns', async () => {
    const w = await openStoryWorld(() => sqliteStorage({ filename: ':memory:' }));
    const adopted = vi.spyOn(DealDuplicateEngine.prototype, 'adoptWeights');
    const first = await findDuplicateDeals(w.crm, w.org.admin, everything);
    expect(adopted).toHaveBeenCalledTimes(1);
    expect(first.length).toBeGreaterThan(2);
    // The story pair is on top, as the quickstart tells it.
    expect(pairKey(first[0]!.a.id, first[0]!.b.id)).toBe(pairKey(w.dealA.id, w.dealB.id));
    const again = await later(w);
    // The stored weights exist now: the later scan builds its own engine.
    expect(adopted).toHaveBeenCalledTimes(1);
    expect(again.map(reading)).toEqual(first.map(reading));
    await w.storage.close();
  });

  it('reads a deal changed between the estimate and the scan as it now is', async () => {
    const w = await openStoryWorld(() => sqliteStorage({ filename: ':memory:' }));
    const adopted = vi.spyOn(DealDuplicateEngine.prototype, 'adoptWeights');
    // The scan's own read is the second `runAs` of the call (the first asks what the actor sees):
    // the deal is moved just before it, after the weights were estimated from the deals as they were.
    const runAs = w.crm.runAs.bind(w.crm) as Crm['runAs'];
    let calls = 0;
    vi.spyOn(w.crm, 'runAs').mockImplementation(async (actor, work) => {
      calls += 1;
      if (calls === 2)
        await w.crm.opportunities.update(w.org.admin, w.dealB.id, { requiredDelivery: '2026-10-30' });
      return runAs(actor, work);
    });
    const first = await findDuplicateDeals(w.crm, w.org.admin, everything);
    vi.mocked(w.crm.runAs).mockRestore();
    expect(adopted).not.toHaveBeenCalled();
    const story = first.find((p) => pairKey(p.a.id, p.b.id) === pairKey(w.dealA.id, w.dealB.id));
    // Four months apart now, not two days: the pair is weighed so.
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(story?.signals.find((s) => s.name === 'delivery')?.level).toBe('further');
    expect((await later(w)).map(reading)).toEqual(first.map(reading));
    await w.storage.close();
  });
});
