import type { DedupeBlock, DedupeResize, StorageTx } from '@gongfu/core';
import { heldPerTenant } from './per-tenant.js';
import type { DealRecord } from './types.js';

/** Keys held before the cache starts over (a long-lived server checking every deal of a big tenant). */
const MAX_HELD = 1_000_000;
/** Deals held before the cache starts over. */
const MAX_DEALS = 200_000;

/**
 * The stored blocks the incremental checks have read, held between checks for one tenant of one
 * storage while its blocks keep the stamp they were read under (`DedupeKeyStore.stamp`): a check
 * at 100k deals reads ~2,000 block sizes (its partners' statistics keys) and most of them again in
 * the next check. A re-key by this process (`refreshDedupeIndex`) drops exactly the keys it touched
 * (`resized`); any other change of the stamp — another process's refresh, a rebuild, a migration —
 * drops everything. The candidates' deals (`DealRecord`s) are held the same way: every change of a
 * deal or its account re-keys the deal, which drops it.
 */
export class BlockCache {
  /** The stamp the held blocks were read under; undefined before the first read. */
  private stamp: string | null | undefined = undefined;
  /** Size per key read (0: no deal holds it). */
  private readonly sizes = new Map<string, number>();
  /** Members per key read with a cap at or above its size. */
  private readonly members = new Map<string, readonly string[]>();
  /** Comparable deals read as candidates, by id, as their keys were made from. */
  private readonly deals = new Map<string, DealRecord>();

  /** Starts over unless the blocks still carry the stamp read last; returns the stamp to read under. */
  private async current(tx: StorageTx): Promise<string | null> {
    const stamp = await tx.dedupeKeys.stamp();
    if (stamp !== this.stamp) this.reset(stamp);
    return stamp;
  }

  private reset(stamp: string | null | undefined): void {
    this.stamp = stamp;
    this.sizes.clear();
    this.members.clear();
    this.deals.clear();
  }

  /** Drops everything held (the next check reads as if it were the first). */
  clear(): void {
    this.reset(undefined);
  }

  /** How many keys are held (their sizes). */
  held(): number {
    return this.sizes.size;
  }

  /** What this process's re-key moved: drop its keys, or everything when the stamp moved elsewhere too. */
  resized(resize: DedupeResize): void {
    if (resize.before !== this.stamp) {
      this.reset(resize.after);
      return;
    }
    this.stamp = resize.after;
    for (const key of resize.keys) {
      this.sizes.delete(key);
      this.members.delete(key);
    }
    for (const id of resize.opportunityIds) this.deals.delete(id);
  }

  /**
   * The comparable deals among `ids`, in their order: held ones as held, the others by `read` (which
   * returns the comparable ones among those it is given).
   */
  async comparableDeals(
    tx: StorageTx,
    ids: readonly string[],
    read: (ids: readonly string[]) => Promise<DealRecord[]>,
  ): Promise<DealRecord[]> {
    const stamp = await this.current(tx);
    if (this.deals.size > MAX_DEALS) this.deals.clear();
    const missing = ids.filter((id) => !this.deals.has(id));
    if (missing.length > 0) {
      const fresh = await read(missing);
      // Something moved the blocks meanwhile (a re-key of this process): read everything afresh.
      if (this.stamp !== stamp) return read(ids);
      for (const deal of fresh) this.deals.set(deal.id, deal);
    }
    return ids.flatMap((id) => this.deals.get(id) ?? []);
  }

  /** `tx.dedupeKeys.blocks(keys, cap)`, reading only the keys not held (one row per key with members). */
  async blocks(tx: StorageTx, keys: readonly string[], cap: number): Promise<DedupeBlock[]> {
    const stamp = await this.current(tx);
    if (this.sizes.size > MAX_HELD) this.reset(stamp);
    const unique = [...new Set(keys)];
    const missing = unique.filter((key) => {
      const size = this.sizes.get(key);
      return size === undefined || (size > 0 && size <= cap && !this.members.has(key));
    });
    if (missing.length > 0) {
      const read = await tx.dedupeKeys.blocks(missing, cap);
      // Something moved the blocks meanwhile (a re-key of this process): read everything afresh.
      if (this.stamp !== stamp) return tx.dedupeKeys.blocks(unique, cap);
      this.hold(missing, read, cap);
    }
    return this.answer(unique, cap);
  }

  private hold(asked: readonly string[], read: readonly DedupeBlock[], cap: number): void {
    for (const key of asked) this.sizes.set(key, 0);
    for (const block of read) {
      this.sizes.set(block.key, block.size);
      if (block.size <= cap) this.members.set(block.key, block.opportunityIds);
    }
  }

  /** The held blocks of `keys` (all held), in key order as `blocks` returns them. */
  private answer(keys: readonly string[], cap: number): DedupeBlock[] {
    const out: DedupeBlock[] = [];
    for (const key of [...keys].sort()) {
      const size = this.sizes.get(key) ?? 0;
      if (size === 0) continue;
      out.push({ key, size, opportunityIds: size <= cap ? [...(this.members.get(key) ?? [])] : [] });
    }
    return out;
  }
}

/** The cache of one tenant of one storage (the same for every `Crm` over that storage). */
export const blockCacheOf: (storage: object, tenantId: string) => BlockCache = heldPerTenant(
  () => new BlockCache(),
);
