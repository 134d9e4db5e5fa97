/**
 * A queue paged through its cursor is scored once, and never served stale: whatever changes between
 * two pages (a deal edited, closed or added, an account renamed, a pair resolved), the next page is
 * what a fresh scan gives.
 */
import type { Account, ActorRef, Opportunity } from '@gongfu/core';
import {
  type DealDuplicate,
  DealDuplicateEngine,
  findDuplicateDeals,
  findDuplicateDealsPage,
  pairKey,
} from '@gongfu/reports';
import { openWorld, type ServiceWorld } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scanMemoOf } from '../../src/duplicates/scan-memo.js';
import { deal, STORY_BASKET } from './story-world.js';

const storage = sqliteStorage({ filename: ':memory:' });
const everything = { minScore: -1e9 };

/** What a pair is to its reader: who, how sure, and why. */
const reading = (p: DealDuplicate) => [pairKey(p.a.id, p.b.id), p.score, p.copy, p.explanation.text];

async function walk(w: ServiceWorld, actor: ActorRef, limit: number): Promise<DealDuplicate[]> {
  const pairs: DealDuplicate[] = [];
  let cursor: string | undefined;
  do {
    const page = await findDuplicateDealsPage(w.crm, actor, {
      ...everything,
      limit,
      ...(cursor ? { cursor } : {}),
    });
    pairs.push(...page.pairs);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return pairs;
}

/** A scan that cannot be served from what an earlier one left. */
async function fresh(w: ServiceWorld, actor: ActorRef): Promise<DealDuplicate[]> {
  scanMemoOf(w.storage, w.crm.tenantId).clear();
  return findDuplicateDeals(w.crm, actor, everything);
}

async function storyDeals(w: ServiceWorld, count: number) {
  const { crm, org } = w;
  const accounts: Account[] = [];
  for (const owner of ['repA', 'repB'] as const)
    accounts.push(
      await crm.accounts.create(org[owner], { name: `${owner} 系统集成有限公司`, kind: 'system_integrator' }),
    );
  const deals: Opportunity[] = [];
  for (let i = 0; i < count; i += 1) {
    const owner = i % 2 === 0 ? org.repA : org.repB;
    const lines = STORY_BASKET.filter((_, k) => k !== 1 + (i % 3));
    deals.push(await deal(crm, owner, accounts[i % 2]!, `deal ${i}`, lines, `2026-06-${20 + (i % 9)}`));
  }
  return { accounts, deals };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the scan memo (SQLite)', () => {
  it('scores an unchanged tenant once, however many pages are read and by which call', async () => {
    const w = await openWorld(await storage);
    await storyDeals(w, 6);
    const scans = vi.spyOn(DealDuplicateEngine.prototype, 'scanAsync');
    const paged = await walk(w, w.org.admin, 2);
    expect(paged.length).toBeGreaterThan(4);
    expect(scans).toHaveBeenCalledTimes(1);
    // The whole scan, another page size and the first page again: still the one result.
    expect((await findDuplicateDeals(w.crm, w.org.admin, everything)).map(reading)).toEqual(
      paged.map(reading),
    );
    expect((await walk(w, w.org.admin, 5)).map(reading)).toEqual(paged.map(reading));
    expect(scans).toHaveBeenCalledTimes(1);
    // A rep sees part of the tenant: their own inputs, their own scan.
    await walk(w, w.org.repA, 2);
    expect(scans).toHaveBeenCalledTimes(2);
  });

  it('a reader who changes a pair it was given changes nothing held', async () => {
    const w = await openWorld(await storage);
    await storyDeals(w, 4);
    const first = await findDuplicateDealsPage(w.crm, w.org.admin, { ...everything, limit: 3 });
    const before = first.pairs.map((p) => JSON.stringify(p));
    for (const p of first.pairs) {
      p.a.name = 'changed';
      p.score = -1;
      // Read-only in its type, not at run time: a careless reader may still write to it.
      Object.assign(p.explanation.message, { params: { changed: true } });
      for (const s of p.signals) s.weight = 99;
      p.signals.length = 0;
    }
    const again = await findDuplicateDealsPage(w.crm, w.org.admin, { ...everything, limit: 3 });
    expect(again.pairs.map((p) => JSON.stringify(p))).toEqual(before);
  });

  it('after any change between pages, the next page is what a fresh scan gives', async () => {
    type Change =
      | { kind: 'delivery'; deal: number; day: number }
      | { kind: 'lose'; deal: number }
      | { kind: 'add'; owner: 'repA' | 'repB'; day: number }
      | { kind: 'rename'; account: number }
      | { kind: 'resolve'; pair: number }
      | { kind: 'nothing' };
    const change: fc.Arbitrary<Change> = fc.oneof(
      fc.record({
        kind: fc.constant('delivery' as const),
        deal: fc.nat(),
        day: fc.integer({ min: 10, max: 28 }),
      }),
      fc.record({ kind: fc.constant('lose' as const), deal: fc.nat() }),
      fc.record({
        kind: fc.constant('add' as const),
        owner: fc.constantFrom('repA' as const, 'repB' as const),
        day: fc.integer({ min: 10, max: 28 }),
      }),
      fc.record({ kind: fc.constant('rename' as const), account: fc.nat() }),
      fc.record({ kind: fc.constant('resolve' as const), pair: fc.nat() }),
      fc.constant({ kind: 'nothing' as const }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(change, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('admin' as const, 'repA' as const),
        async (changes, who) => {
          const w = await openWorld(await storage);
          const { accounts, deals } = await storyDeals(w, 5);
          const actor = w.org[who];
          let open = [...deals];
          for (const c of changes) {
            // A page read before the change, so the memo holds a result the change may make stale.
            const seen = await walk(w, actor, 2);
            if (c.kind === 'delivery' && open.length > 0) {
              const target = open[c.deal % open.length]!;
              await w.crm.opportunities.update(w.org.admin, target.id, {
                requiredDelivery: `2026-06-${c.day}`,
              });
            } else if (c.kind === 'lose' && open.length > 0) {
              const target = open[c.deal % open.length]!;
              await w.crm.opportunities.lose(w.org.admin, target.id, { reason: '预算取消' });
              open = open.filter((d) => d.id !== target.id);
            } else if (c.kind === 'add') {
              const account = accounts[c.owner === 'repA' ? 0 : 1]!;
              open.push(
                await deal(w.crm, w.org[c.owner], account, 'added', STORY_BASKET, `2026-06-${c.day}`),
              );
            } else if (c.kind === 'rename') {
              const account = accounts[c.account % accounts.length]!;
              await w.crm.accounts.update(w.org.admin, account.id, {
                name: `改名 ${c.account} 信息技术有限公司`,
              });
            } else if (c.kind === 'resolve' && seen.length > 0) {
              const pair = seen[c.pair % seen.length]!;
              await w.crm.duplicates.markNotDuplicate(w.org.admin, { aId: pair.a.id, bId: pair.b.id });
            }
            const paged = await walk(w, actor, 2);
            expect(paged.map(reading)).toEqual((await fresh(w, actor)).map(reading));
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});
