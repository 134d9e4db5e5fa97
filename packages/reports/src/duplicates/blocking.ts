import { itemToken, quantityBand } from './corpus-stats.js';
import { DEFAULT_LSH, type LshParams, MinHashLsh } from './minhash.js';
import type { PreparedDeal } from './prepared-deal.js';

export interface BlockingOptions {
  /** Blocks (and LSH buckets) holding more records than this are skipped: too common to tell anything. */
  maxBlock?: number;
  lsh?: LshParams;
}

const DAY_MS = 86_400_000;

/** Blocks with more members than this are skipped, in memory and in the stored keys alike. */
export const DEFAULT_MAX_BLOCK = 100;

function monthOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 7);
}

/**
 * The blocking keys of one deal. Two deals are candidates only when they share a key, so the
 * relation is symmetric by construction and the full scan and the incremental check agree.
 *
 * - `pm`: province + main line's category and quantity band + every month the delivery ±7 days touches;
 * - `ri`: SKU + quantity band (and the band above, so 195 and 200 still meet) for lines of 10 or more;
 * - `l…`: MinHash-LSH bands over the basket's SKU+band tokens;
 * - `ck`, `cn`, `cp`, `ac`, `ec`: the customer's identity keys, trade name, its pinyin, the account,
 *   the end customer — the same customer entered twice.
 */
export function blockingKeys(p: PreparedDeal, lsh: MinHashLsh): string[] {
  const r = p.record;
  const keys = new Set<string>();
  const lines = p.items;
  const main = lines.reduce<(typeof lines)[number] | undefined>(
    (best, l) => (best === undefined || l.quantity > best.quantity ? l : best),
    undefined,
  );
  if (r.province && p.deliveryDay !== null && main) {
    const what = `${main.category ?? main.sku}:${quantityBand(main.quantity)}`;
    for (const d of [p.deliveryDay - 7, p.deliveryDay + 7])
      keys.add(`pm:${r.province}:${what}:${monthOf(d)}`);
  }
  for (const l of lines) {
    if (l.quantity < 10) continue;
    const band = quantityBand(l.quantity);
    keys.add(`ri:${l.sku}:${band}`);
    keys.add(`ri:${l.sku}:${band + 1}`);
  }
  for (const k of lsh.bandKeys(lines.map(itemToken))) keys.add(k);
  for (const k of r.accountKeys) keys.add(`ck:${k}`);
  keys.add(`ac:${r.accountId}`);
  if (p.customer.tradeName.length >= 2) keys.add(`cn:${p.customer.tradeName}`);
  if (p.customer.pinyin.length >= 4) keys.add(`cp:${p.customer.pinyin}`);
  if (p.endCustomer) keys.add(`ec:${p.endCustomer}`);
  return [...keys];
}

export interface BlockingStats {
  blocks: number;
  /** Blocks skipped because they exceed `maxBlock`. */
  cappedBlocks: number;
}

/** Records under their blocking keys; a record's candidates are the other members of its blocks. */
export class CandidateIndex {
  readonly lsh: MinHashLsh;
  readonly maxBlock: number;
  private readonly blocks = new Map<string, number[]>();
  private readonly keysOf: string[][] = [];
  /** Sizes of blocks in the whole corpus, when only part of it is indexed here (see `useSizes`). */
  private sizes: ReadonlyMap<string, number> = new Map();

  constructor(options: BlockingOptions = {}) {
    this.lsh = new MinHashLsh(options.lsh ?? DEFAULT_LSH);
    this.maxBlock = options.maxBlock ?? DEFAULT_MAX_BLOCK;
  }

  /** Indexes the record under the next ordinal and returns that ordinal. */
  add(p: PreparedDeal): number {
    const ordinal = this.keysOf.length;
    const keys = blockingKeys(p, this.lsh);
    this.keysOf.push(keys);
    for (const key of keys) {
      const members = this.blocks.get(key);
      if (members) members.push(ordinal);
      else this.blocks.set(key, [ordinal]);
    }
    return ordinal;
  }

  /**
   * Blocks are capped by their size in the whole corpus, not by how many of its members one actor
   * sees, so an actor's pairs are exactly everyone's pairs among the deals they see.
   */
  useSizes(sizes: ReadonlyMap<string, number>): void {
    this.sizes = sizes;
  }

  /** Keys of blocks that can yield a pair here: two or more members, within the cap. */
  pairingKeys(): string[] {
    const keys: string[] = [];
    for (const [key, members] of this.blocks)
      if (members.length >= 2 && members.length <= this.maxBlock) keys.push(key);
    return keys;
  }

  private oversized(key: string, members: readonly number[]): boolean {
    return Math.max(members.length, this.sizes.get(key) ?? 0) > this.maxBlock;
  }

  /** Ordinals sharing a (not oversized) block with the keys of `p`; `self` is left out. */
  candidates(p: PreparedDeal, self = -1, keys = blockingKeys(p, this.lsh)): Set<number> {
    const found = new Set<number>();
    for (const key of keys) {
      const members = this.blocks.get(key);
      if (!members || this.oversized(key, members)) continue;
      for (const m of members) if (m !== self) found.add(m);
    }
    return found;
  }

  /** Candidates of an indexed record, by its ordinal (keys computed when it was added). */
  candidatesOf(ordinal: number): Set<number> {
    const found = new Set<number>();
    for (const key of this.keysOf[ordinal] ?? []) {
      const members = this.blocks.get(key);
      if (!members || this.oversized(key, members)) continue;
      for (const m of members) if (m !== ordinal) found.add(m);
    }
    return found;
  }

  stats(): BlockingStats {
    let cappedBlocks = 0;
    for (const members of this.blocks.values()) if (members.length > this.maxBlock) cappedBlocks++;
    return { blocks: this.blocks.size, cappedBlocks };
  }
}
