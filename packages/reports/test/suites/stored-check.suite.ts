import type { Account, CrmStorage } from '@gongfu/core';
import { openWorld, type StorageFactory } from '@gongfu/service-suites';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BLOCK } from '../../src/duplicates/blocking.js';
import { toDealRecord } from '../../src/duplicates/deal-records.js';
import { dealBlockingKeys } from '../../src/duplicates/dedupe-index.js';
import { checkDealForDuplicates, findDuplicateDeals } from '../../src/index.js';
import { dealFields } from '../duplicates/deal-arbitraries.js';
import { deal, seedStory } from '../duplicates/story-world.js';

/** Enough deals over few customers and SKUs that many blocks outgrow the stored cap of 100. */
const DEALS = 700;
const CHECKED = 40;
const FLOOR = { minScore: -6, limit: 10_000 };

/** The story's catalogue stands in for the arbitrary's SKU outside any catalogue. */
const STOCKED = new Set(['LS2208', 'DS4308', 'SRV-R740', 'WMS-STD', 'SW-24', 'ZT410']);

/**
 * The incremental check against stored blocking keys pairs a deal with exactly the partners the
 * full scan gives it, at the same scores — also when its blocks hold more deals than the cap and the
 * scan meets its partners only through the smaller keys that split them. On any storage engine.
 */
export function describeStoredCheck(makeStorage: StorageFactory): void {
  describe('the stored-key check finds the partners the full scan finds (generated tenant)', () => {
    const opened: CrmStorage[] = [];
    afterAll(async () => {
      for (const s of opened) await s.close();
    });

    it('for every checked deal: the same partners and scores as the scan, oversize blocks included, admin and a rep', async () => {
      const storage = await makeStorage();
      opened.push(storage);
      const world = await seedStory(await openWorld(storage));
      const { crm, org } = world;
      const owners = [org.admin, org.repA, org.repB];
      const specs = fc.sample(dealFields, { seed: 14, numRuns: DEALS });
      // Each owner files the customers as its own accounts (same names, so they still compare alike).
      const accounts = new Map<string, Account>();
      const owned = new Map<string, string[]>(owners.map((o) => [o.id, []]));
      for (const [i, s] of specs.entries()) {
        const owner = owners[i % owners.length]!;
        const accountKey = `${owner.id}/${s.account.accountId}`;
        let account = accounts.get(accountKey);
        if (!account) {
          const kind = (s.account.accountKind ?? 'end_user') as 'end_user';
          account = await crm.accounts.create(owner, { name: s.account.accountName, kind });
          accounts.set(accountKey, account);
        }
        const lines = s.lines.map((l) => ({
          sku: STOCKED.has(l.sku) ? l.sku : 'ZT410',
          quantity: l.quantity,
        }));
        const merged = [...new Map(lines.map((l) => [l.sku, l])).values()];
        const day = s.requiredDelivery ?? '2026-07-01';
        const opp = await deal(crm, owner, account, `generated ${i}`, merged, day, s.province ?? '37');
        owned.get(owner.id)?.push(opp.id);
      }
      const partnersOf = (id: string, pairs: { a: { id: string }; b: { id: string }; score: number }[]) =>
        new Map(
          pairs
            .filter((p) => p.a.id === id || p.b.id === id)
            .map((p) => [p.a.id === id ? p.b.id : p.a.id, p.score] as const),
        );
      // The rep sees a third of the deals: blocks over the cap in the tenant are within it in their
      // view, and the check, like the scan, must still skip them (tenant-wide sizes decide).
      for (const actor of [org.admin, org.repA]) {
        const scan = await findDuplicateDeals(crm, actor, FLOOR);
        expect(scan.length).toBeGreaterThan(20);
        expect(scan.length).toBeLessThan(FLOOR.limit);
        // The admin sees every deal; the rep at least their own.
        const visible = actor === org.admin ? [...owned.values()].flat() : (owned.get(actor.id) ?? []);
        const checked = new Set(fc.sample(fc.constantFrom(...visible), { seed: 7, numRuns: CHECKED }));
        let oversize = 0;
        for (const id of checked) {
          const fromCheck = partnersOf(id, await checkDealForDuplicates(crm, actor, id, FLOOR));
          expect(fromCheck, `${actor.name} checks ${id}`).toEqual(partnersOf(id, scan));
          if (await hasOversizeBlock(storage, crm.tenantId, id)) oversize++;
        }
        // The property is only worth something if the checked deals meet blocks over the cap.
        expect(oversize).toBeGreaterThan(checked.size / 4);
      }
    }, 300_000);
  });
}

/** Whether any block of the deal's stored keys holds more deals than the cap the check applies. */
async function hasOversizeBlock(storage: CrmStorage, tenantId: string, opportunityId: string) {
  return storage.transaction({ tenantId }, async (tx) => {
    const [opp] = await tx.opportunities.getMany([opportunityId]);
    const [account] = await tx.accounts.getMany([opp!.accountId]);
    const blocks = await tx.dedupeKeys.blocks(dealBlockingKeys(toDealRecord(opp!, account)), 0);
    return blocks.some((b) => b.size > DEFAULT_MAX_BLOCK);
  });
}
