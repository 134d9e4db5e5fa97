import type { DedupeEntry, DedupeSource, StorageTx } from '@gongfu/core';
import { describe, expect } from 'vitest';
import { conformanceIt, freshTenant, inTx, rawRows } from './conformance-it.js';
import { buildAccount, minutesAfterBase } from './fixtures.js';
import { buildOpportunity } from './fixtures-deals.js';
import type { SuiteState } from './harness.js';

const source = (opportunityId: string, version = 1, minutes = 0): DedupeSource => ({
  opportunityId,
  version,
  accountVersion: 1,
  seenAt: minutesAfterBase(minutes),
});

/**
 * A re-key in three batches, large enough to span several statements and to change a deal twice:
 * 1,100 deals over 40 shared keys and one key of their own each, then 600 of them again (half
 * keyless, as closed deals are) and 50 new ones.
 */
function rekeyBatches(): DedupeEntry[][] {
  const deal = (i: number) => `deal${String(i).padStart(5, '0')}`;
  const first = Array.from({ length: 1100 }, (_, i) => ({
    source: source(deal(i), 1, 1),
    keys: [`k:shared${i % 40}`, `k:shared${(i * 7) % 40}`, `k:own${i}`],
  }));
  const again = Array.from({ length: 600 }, (_, i) => ({
    source: source(deal(i * 2), 2, 2),
    keys: i % 2 === 0 ? [] : [`k:shared${i % 3}`, 'k:late'],
  }));
  const fresh = Array.from({ length: 50 }, (_, i) => ({
    source: source(deal(2000 + i), 1, 3),
    keys: ['k:late'],
  }));
  return [first, [], again, fresh];
}

async function* batchesOf<T>(batches: readonly T[]): AsyncIterable<T> {
  for (const batch of batches) yield batch;
}

const ROW_ORDER = (r: Record<string, unknown>) =>
  `${String(r.key ?? '')}\u0000${String(r.opportunity_id ?? '')}`;

/** A table's rows of one tenant without the tenant column, in a fixed order, to compare two tenants. */
async function tableOf(
  state: SuiteState,
  table: string,
  tenantId: string,
): Promise<Record<string, unknown>[]> {
  const rows = await rawRows(state, table, tenantId);
  return rows
    .map(({ tenant_id: _, ...rest }) => rest)
    .sort((p, q) => (ROW_ORDER(p) < ROW_ORDER(q) ? -1 : ROW_ORDER(p) > ROW_ORDER(q) ? 1 : 0));
}

/** Persisted blocking keys: exact block sizes, capped member lists, staleness by version and time. */
export function registerDedupeKeys(state: SuiteState): void {
  describe('dedupe keys', () => {
    conformanceIt(
      state,
      'dedupe.replace-blocks',
      'blocks list members within the cap and exact sizes; replacing drops the old keys',
      async () => {
        const tenantId = await freshTenant(state);
        await inTx(state, tenantId, async (tx) => {
          await tx.dedupeKeys.replace([
            { source: source('o1'), keys: ['k:a', 'k:b', 'k:a'] },
            { source: source('o2'), keys: ['k:a'] },
            { source: source('o3'), keys: ['k:a', 'k:c'] },
          ]);
          expect(await tx.dedupeKeys.blocks(['k:a', 'k:b', 'k:z'], 3)).toEqual([
            { key: 'k:a', size: 3, opportunityIds: ['o1', 'o2', 'o3'] },
            { key: 'k:b', size: 1, opportunityIds: ['o1'] },
          ]);
          // Over the cap: the size is told, the members are not.
          expect(await tx.dedupeKeys.blocks(['k:a'], 2)).toEqual([
            { key: 'k:a', size: 3, opportunityIds: [] },
          ]);
          await tx.dedupeKeys.replace([
            { source: source('o1', 2, 5), keys: ['k:c'] },
            { source: source('o3', 2, 3), keys: [] },
          ]);
          expect(await tx.dedupeKeys.blocks(['k:a', 'k:b', 'k:c'], 10)).toEqual([
            { key: 'k:a', size: 1, opportunityIds: ['o2'] },
            { key: 'k:c', size: 1, opportunityIds: ['o1'] },
          ]);
          // Keyed sources do not move the watermark: only a finished refresh does.
          expect(await tx.dedupeKeys.watermark()).toBeNull();
          // A refresh that keyed nothing still moves the watermark, and is no block member.
          await tx.dedupeKeys.markRefreshed(minutesAfterBase(30));
          expect(await tx.dedupeKeys.watermark()).toBe(minutesAfterBase(30));
          expect(await tx.dedupeKeys.blocks(['k:a'], 10)).toEqual([
            { key: 'k:a', size: 1, opportunityIds: ['o2'] },
          ]);
        });
        expect(await rawRows(state, 'dedupe_keys', tenantId)).toHaveLength(2);
        expect(await rawRows(state, 'dedupe_sources', tenantId)).toHaveLength(4);
        // Another tenant sees none of it.
        const other = await freshTenant(state);
        await inTx(state, other, async (tx) => {
          expect(await tx.dedupeKeys.blocks(['k:a', 'k:c'], 10)).toEqual([]);
          expect(await tx.dedupeKeys.watermark()).toBeNull();
        });
      },
    );

    conformanceIt(
      state,
      'dedupe.rows',
      'rows are the ones the deals were last keyed with, only while deal and account are as keyed, per tenant',
      async () => {
        const tenantId = await freshTenant(state);
        const deal = (i: number) => `row${String(i).padStart(4, '0')}`;
        const account = buildAccount(tenantId);
        const opp = (id: string) => buildOpportunity(tenantId, { id, accountId: account.id });
        // A deal written again (version + 1), as a command would.
        const bump = async (tx: StorageTx, id: string) => {
          const before = await tx.opportunities.get(id);
          if (before === null) throw new Error(`no deal ${id}`);
          await tx.opportunities.update({ ...before, version: before.version + 1 }, before.version);
        };
        await inTx(state, tenantId, async (tx) => {
          await tx.accounts.insert(account);
          for (const id of ['o1', 'o2', 'o3', ...Array.from({ length: 700 }, (_, i) => deal(i))])
            await tx.opportunities.insert(opp(id));
          await tx.dedupeKeys.replace([
            { source: source('o1'), keys: ['k:a'], row: '["o1 as keyed"]' },
            { source: source('o2'), keys: ['k:a'], row: '["o2"]' },
            { source: source('o3'), keys: ['k:a'] },
          ]);
          expect([...(await tx.dedupeKeys.rows(['o3', 'o2', 'o1', 'o9', 'o1']))].sort()).toEqual([
            ['o1', '["o1 as keyed"]'],
            ['o2', '["o2"]'],
          ]);
          // Re-keyed: the new row replaces the old; a re-key without a row (a closed deal) drops it.
          await bump(tx, 'o1');
          await bump(tx, 'o2');
          await tx.dedupeKeys.replace([
            { source: source('o1', 2), keys: ['k:b'], row: '["o1 edited"]' },
            { source: source('o2', 2), keys: [] },
          ]);
          expect([...(await tx.dedupeKeys.rows(['o1', 'o2']))]).toEqual([['o1', '["o1 edited"]']]);
          // Past one statement's list, in batches, a deal coming again in a later batch.
          const first = Array.from({ length: 700 }, (_, i) => ({
            source: source(deal(i)),
            keys: ['k:c'],
            row: `first ${i}`,
          }));
          await bump(tx, deal(650));
          const again = [{ source: source(deal(650), 2), keys: ['k:c'], row: 'again' }];
          await tx.dedupeKeys.replaceBatches(batchesOf([first, again]));
          const rows = await tx.dedupeKeys.rows(first.map((e) => e.source.opportunityId));
          expect(rows.size).toBe(700);
          expect(rows.get(deal(0))).toBe('first 0');
          expect(rows.get(deal(699))).toBe('first 699');
          expect(rows.get(deal(650))).toBe('again');
          // Written since it was keyed (not re-keyed yet): the row describes a deal that is gone.
          await bump(tx, deal(1));
          expect([...(await tx.dedupeKeys.rows([deal(0), deal(1)])).keys()]).toEqual([deal(0)]);
        });
        expect(await rawRows(state, 'dedupe_rows', tenantId)).toHaveLength(701);
        // The customer renamed since: none of its deals' rows holds any more.
        await inTx(state, tenantId, async (tx) => {
          await tx.accounts.update({ ...account, name: `${account.name} 2`, version: 2 }, 1);
          expect((await tx.dedupeKeys.rows(['o1', deal(0)])).size).toBe(0);
        });
        const other = await freshTenant(state);
        await inTx(state, other, async (tx) => {
          expect((await tx.dedupeKeys.rows(['o1', deal(0)])).size).toBe(0);
        });
      },
    );

    conformanceIt(
      state,
      'dedupe.stale',
      'stale lists deals never indexed or whose deal or account version moved, from a time on',
      async () => {
        const tenantId = await freshTenant(state);
        const account = buildAccount(tenantId, {
          createdAt: minutesAfterBase(0),
          updatedAt: minutesAfterBase(0),
        });
        const opp = (id: string, minutes: number) =>
          buildOpportunity(tenantId, {
            id,
            accountId: account.id,
            createdAt: minutesAfterBase(minutes),
            updatedAt: minutesAfterBase(minutes),
          });
        await inTx(state, tenantId, async (tx) => {
          await tx.accounts.insert(account);
          for (const o of [opp('d1', 1), opp('d2', 2), opp('d3', 3)]) await tx.opportunities.insert(o);
          expect(await tx.dedupeKeys.stale(undefined)).toEqual(['d1', 'd2', 'd3']);
          expect(await tx.dedupeKeys.stale(minutesAfterBase(2))).toEqual(['d2', 'd3']);
          await tx.dedupeKeys.replace(['d1', 'd2', 'd3'].map((id) => ({ source: source(id), keys: [id] })));
          expect(await tx.dedupeKeys.stale(undefined)).toEqual([]);
          await tx.dedupeKeys.markRefreshed(minutesAfterBase(4));
          expect(await tx.dedupeKeys.stale(undefined)).toEqual([]);
          const d2 = await tx.opportunities.get('d2');
          if (!d2) throw new Error('d2 was not stored');
          await tx.opportunities.update({ ...d2, version: 2, updatedAt: minutesAfterBase(10) }, 1);
          expect(await tx.dedupeKeys.stale(minutesAfterBase(9))).toEqual(['d2']);
          expect(await tx.dedupeKeys.stale(minutesAfterBase(11))).toEqual([]);
          // A renamed account makes all its deals stale, though the deals did not change.
          await tx.accounts.update({ ...account, version: 2, updatedAt: minutesAfterBase(20) }, 1);
          expect(await tx.dedupeKeys.stale(minutesAfterBase(15))).toEqual(['d1', 'd2', 'd3']);
        });
      },
    );

    conformanceIt(
      state,
      'dedupe.replace-batches',
      'replaceBatches leaves exactly what replace of each batch in turn leaves, block sizes included',
      async () => {
        const batches = rekeyBatches();
        const inBatches = await freshTenant(state);
        const oneByOne = await freshTenant(state);
        await inTx(state, inBatches, (tx) => tx.dedupeKeys.replaceBatches(batchesOf(batches)));
        await inTx(state, oneByOne, async (tx) => {
          for (const batch of batches) await tx.dedupeKeys.replace(batch);
        });
        for (const table of ['dedupe_keys', 'dedupe_blocks', 'dedupe_sources'])
          expect(await tableOf(state, table, inBatches)).toEqual(await tableOf(state, table, oneByOne));
        // And what that is: each deal holds the keys of its last entry.
        const model = new Map<string, Set<string>>();
        for (const batch of batches)
          for (const e of batch) model.set(e.source.opportunityId, new Set(e.keys));
        const keys = [...new Set([...model.values()].flatMap((k) => [...k]))].sort();
        const expected = keys.map((key) => {
          const ids = [...model].filter(([, held]) => held.has(key)).map(([id]) => id);
          return { key, size: ids.length, opportunityIds: ids.sort() };
        });
        expect(expected.find((b) => b.key === 'k:late')?.size).toBe(350);
        expect(keys).not.toContain('k:own0');
        await inTx(state, inBatches, async (tx) => {
          expect(await tx.dedupeKeys.blocks([...keys, 'k:own0'], 10_000)).toEqual(expected);
          expect(await tx.dedupeKeys.watermark()).toBeNull();
        });
      },
    );

    conformanceIt(
      state,
      'dedupe.replace-current',
      'replaceCurrent writes entries made from the stored versions, skips keyed ones, returns moved ones',
      async () => {
        const tenantId = await freshTenant(state);
        const account = buildAccount(tenantId, {
          createdAt: minutesAfterBase(0),
          updatedAt: minutesAfterBase(0),
        });
        const opp = (id: string) =>
          buildOpportunity(tenantId, {
            id,
            accountId: account.id,
            createdAt: minutesAfterBase(1),
            updatedAt: minutesAfterBase(1),
          });
        await inTx(state, tenantId, async (tx) => {
          await tx.accounts.insert(account);
          for (const id of ['d1', 'd2', 'd3']) await tx.opportunities.insert(opp(id));
          // d3 was read at version 0 of its deal: it moved on since, so it is not written.
          const entries = [
            { source: source('d1'), keys: ['k:a', 'k:b'] },
            { source: source('d2'), keys: ['k:a'] },
            { source: { ...source('d3'), version: 0 }, keys: ['k:a'] },
            { source: source('gone'), keys: ['k:a'] },
          ];
          expect(await tx.dedupeKeys.stamp()).toBeNull();
          const first = await tx.dedupeKeys.replaceCurrent(entries);
          // What it wrote: the stamp moved from none to a new one, by the keys of the deals re-keyed.
          const stamp = await tx.dedupeKeys.stamp();
          expect(stamp).not.toBeNull();
          expect(first).toEqual({
            moved: ['d3'],
            resized: { before: null, after: stamp, keys: ['k:a', 'k:b'], opportunityIds: ['d1', 'd2'] },
          });
          expect(await tx.dedupeKeys.blocks(['k:a', 'k:b'], 10)).toEqual([
            { key: 'k:a', size: 2, opportunityIds: ['d1', 'd2'] },
            { key: 'k:b', size: 1, opportunityIds: ['d1'] },
          ]);
          // Again, as a second refresh that read the same page would: all keyed, nothing counted
          // twice, nothing touched (the stamp stays).
          expect(await tx.dedupeKeys.replaceCurrent(entries)).toEqual({ moved: ['d3'], resized: null });
          expect(await tx.dedupeKeys.stamp()).toBe(stamp);
          // d2 written again with the same key: its block is touched (a member left and came back),
          // so the stamp moves though no size did.
          await tx.dedupeKeys.replace([{ source: source('d2'), keys: ['k:a'] }]);
          expect(await tx.dedupeKeys.stamp()).not.toBe(stamp);
          expect(await tx.dedupeKeys.blocks(['k:a'], 10)).toEqual([
            { key: 'k:a', size: 2, opportunityIds: ['d1', 'd2'] },
          ]);
          expect(await tx.dedupeKeys.stale(undefined)).toEqual(['d3']);
        });
        expect(await rawRows(state, 'dedupe_keys', tenantId)).toHaveLength(3);
      },
    );
  });
}
