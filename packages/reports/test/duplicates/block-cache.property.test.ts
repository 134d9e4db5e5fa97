import type { DedupeBlock, DedupeResize, StorageTx } from '@gongfu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockCache } from '../../src/duplicates/block-cache.js';
import type { DealRecord } from '../../src/duplicates/types.js';
import { plainDeal } from './plain-deal.js';

/**
 * A model of one tenant's stored blocks (`DedupeKeyStore.blocks` and `stamp`): deals with their keys,
 * a stamp that moves with every re-key. `during` runs once inside the next `blocks` read, between
 * the statement and its answer reaching the reader: a re-key landing while a check reads.
 */
class ModelBlocks {
  private readonly keysOf = new Map<string, readonly string[]>();
  /** How often each deal was re-keyed: its record's name, so a record read before an edit shows. */
  private readonly edits = new Map<string, number>();
  private stampNow: string | null = null;
  private stamps = 0;
  reads: string[][] = [];
  during: (() => void) | undefined;

  /** Re-keys one deal as `replaceCurrent` does; what it returns is what this process's refresh hears. */
  rekey(id: string, keys: readonly string[]): DedupeResize | null {
    const touched = new Set([...(this.keysOf.get(id) ?? []), ...keys]);
    this.keysOf.set(id, [...new Set(keys)]);
    this.edits.set(id, (this.edits.get(id) ?? 0) + 1);
    if (touched.size === 0) return null;
    const before = this.stampNow;
    this.stampNow = `s${++this.stamps}`;
    return { before, after: this.stampNow, keys: [...touched], opportunityIds: [id] };
  }

  blocksNow(keys: readonly string[], cap: number): DedupeBlock[] {
    const out: DedupeBlock[] = [];
    for (const key of [...new Set(keys)].sort()) {
      const ids = [...this.keysOf].filter(([, held]) => held.includes(key)).map(([id]) => id);
      if (ids.length === 0) continue;
      out.push({ key, size: ids.length, opportunityIds: ids.length <= cap ? ids.sort() : [] });
    }
    return out;
  }

  /** The comparable deals (those with keys) among `ids` as stored now, in the order asked. */
  dealsNow(ids: readonly string[]): DealRecord[] {
    return ids.flatMap((id) =>
      (this.keysOf.get(id)?.length ?? 0) > 0
        ? [{ ...plainDeal(id), name: `edit ${this.edits.get(id)}` }]
        : [],
    );
  }

  /** `dealsNow` as a reader's statement: `during` lands after it read. */
  async readDeals(ids: readonly string[]): Promise<DealRecord[]> {
    const answer = this.dealsNow(ids);
    const run = this.during;
    this.during = undefined;
    run?.();
    return answer;
  }

  tx(): StorageTx {
    return {
      dedupeKeys: {
        stamp: async () => this.stampNow,
        blocks: async (keys: readonly string[], cap: number) => {
          this.reads.push([...keys]);
          const answer = this.blocksNow(keys, cap);
          const run = this.during;
          this.during = undefined;
          run?.();
          return answer;
        },
      },
    } as unknown as StorageTx;
  }
}

const KEYS = ['k:a', 'k:b', 'k:c', '#n', '#i:x', '#c:x+y'];
const DEALS = ['d1', 'd2', 'd3', 'd4'];

type Step =
  | { kind: 'read'; keys: string[]; cap: number }
  | { kind: 'deals'; ids: string[] }
  | { kind: 'local' | 'foreign' | 'localDuringRead' | 'foreignDuringRead'; id: string; keys: string[] };

const keysArb = fc.subarray(KEYS, { minLength: 0, maxLength: 4 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('read' as const), keys: keysArb, cap: fc.constantFrom(0, 1, 2, 100) }),
  fc.record({ kind: fc.constant('deals' as const), ids: fc.subarray(DEALS) }),
  fc.record({
    kind: fc.constantFrom(
      'local' as const,
      'foreign' as const,
      'localDuringRead' as const,
      'foreignDuringRead' as const,
    ),
    id: fc.constantFrom(...DEALS),
    keys: keysArb,
  }),
);

describe('the checks’ block cache (BlockCache)', () => {
  it('answers every read as the stored blocks do now, whatever re-keys this process or another made (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 40 }), async (steps) => {
        const model = new ModelBlocks();
        const cache = new BlockCache();
        for (const step of steps) {
          if (step.kind === 'read') {
            const got = await cache.blocks(model.tx(), step.keys, step.cap);
            expect(got).toEqual(model.blocksNow(step.keys, step.cap));
            continue;
          }
          if (step.kind === 'deals') {
            const got = await cache.comparableDeals(model.tx(), step.ids, (ids) => model.readDeals(ids));
            expect(got).toEqual(model.dealsNow(step.ids));
            continue;
          }
          const rekey = () => {
            const resized = model.rekey(step.id, step.keys);
            // This process's refresh tells the cache what it touched; another process's does not.
            if (resized !== null && step.kind.startsWith('local')) cache.resized(resized);
          };
          if (step.kind === 'local' || step.kind === 'foreign') rekey();
          else {
            // A re-key landing while a read is under way: that read may answer from before it,
            // as a statement does, but nothing it read may outlive it in the cache.
            model.during = rekey;
            await cache.blocks(model.tx(), KEYS, 100);
            model.during = rekey;
            await cache.comparableDeals(model.tx(), DEALS, (ids) => model.readDeals(ids));
            model.during = undefined;
          }
        }
        // And after all of it, every key once more.
        for (const cap of [0, 100])
          expect(await cache.blocks(model.tx(), KEYS, cap)).toEqual(model.blocksNow(KEYS, cap));
        expect(await cache.comparableDeals(model.tx(), DEALS, (ids) => model.readDeals(ids))).toEqual(
          model.dealsNow(DEALS),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('reads only what it does not hold, and after its own re-key only the keys that re-key touched', async () => {
    const model = new ModelBlocks();
    const cache = new BlockCache();
    model.rekey('d1', ['k:a', 'k:b', '#n']);
    model.rekey('d2', ['k:a', '#n']);
    await cache.blocks(model.tx(), ['k:a', 'k:b', '#n'], 100);
    await cache.blocks(model.tx(), ['k:a', 'k:b', '#n', 'k:c'], 100);
    // Held: the second read asks only for the key it had not read.
    expect(model.reads).toEqual([['k:a', 'k:b', '#n'], ['k:c']]);
    cache.resized(model.rekey('d3', ['k:b', '#n'])!);
    expect(await cache.blocks(model.tx(), ['k:a', 'k:b', '#n', 'k:c'], 100)).toEqual(
      model.blocksNow(['k:a', 'k:b', '#n', 'k:c'], 100),
    );
    expect(model.reads[2]).toEqual(['k:b', '#n']);
    // Another process's re-key: the stamp moved without this cache hearing of it; everything is read again.
    model.rekey('d4', ['k:c']);
    expect((await cache.blocks(model.tx(), ['k:a', 'k:c'], 0)).map((b) => b.size)).toEqual([2, 1]);
    expect(model.reads[3]).toEqual(['k:a', 'k:c']);
  });
});
