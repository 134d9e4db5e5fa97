import { quantityBand } from './corpus-stats.js';
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

/** `YYYY-MM` of a day number, memoised: every deal asks for two months and there are few. */
const months = new Map<number, string>();
function monthOf(day: number): string {
  let month = months.get(day);
  if (month === undefined) {
    month = new Date(day * DAY_MS).toISOString().slice(0, 7);
    if (months.size > 100_000) months.clear();
    months.set(day, month);
  }
  return month;
}

/**
 * The blocking keys of one deal. Two deals are candidates only when they share a key, so the
 * relation is symmetric by construction and the full scan and the incremental check agree.
 *
 * - `pm`: province + main line's category and quantity bands (overlapping) + every month the delivery ±7 days touches;
 * - `ri`: SKU + quantity band (and the band above, so 195 and 200 still meet) for lines of 10 or more;
 * - `rm`: the `ri` key split by province and delivery month, so a popular SKU's oversize block
 *   still pairs what lies close in place and time;
 * - `l…`: MinHash-LSH bands over the basket's SKU+band tokens;
 * - `ck`, `cn`, `cp`, `ac`, `ec`: the customer's identity keys, trade name, its pinyin, the account,
 *   the end customer — the same customer entered twice;
 * - `ea`, `et`: the linked end-customer account and the tender number, so two bids for one end
 *   customer or one tender are always compared, however different their baskets and bidders.
 */
export function blockingKeys(p: PreparedDeal, lsh: MinHashLsh): string[] {
  const r = p.record;
  const keys = new Set<string>();
  const lines = p.items;
  const main = lines.reduce<(typeof lines)[number] | undefined>(
    (best, l) => (best === undefined || l.quantity > best.quantity ? l : best),
    undefined,
  );
  const touched =
    p.deliveryDay === null ? [] : [...new Set([monthOf(p.deliveryDay - 7), monthOf(p.deliveryDay + 7)])];
  if (r.province && main) {
    for (const band of overlappingBands(main.quantity))
      for (const month of touched) keys.add(`pm:${r.province}:${main.category ?? main.sku}:${band}:${month}`);
  }
  const big: string[] = [];
  for (const l of lines) {
    if (l.quantity < 10) continue;
    const band = quantityBand(l.quantity);
    keys.add(`ri:${l.sku}:${band}`);
    keys.add(`ri:${l.sku}:${band + 1}`);
    // A popular SKU's block outgrows the cap; its pairs are still met in these smaller blocks,
    // split by the province and the delivery months (an oversize block is split, not dropped).
    for (const b of [band, band + 1])
      for (const month of touched) keys.add(`rm:${l.sku}:${b}:${r.province ?? '-'}:${month}`);
    big.push(`${l.sku}:${band}`);
  }
  if (r.province) {
    big.sort();
    for (let i = 0; i < big.length; i++)
      for (let j = i + 1; j < big.length; j++) keys.add(`pp:${r.province}:${big[i]}+${big[j]}`);
  }
  for (const k of lsh.bandKeys(p.tokens)) keys.add(k);
  for (const k of r.accountKeys) keys.add(`ck:${k}`);
  keys.add(`ac:${r.accountId}`);
  if (p.customer.tradeName.length >= 2) keys.add(`cn:${p.customer.tradeName}`);
  if (p.customer.pinyin.length >= 4) keys.add(`cp:${p.customer.pinyin}`);
  if (p.endCustomer) keys.add(`ec:${p.endCustomer}`);
  if (p.endCustomerAccountId) keys.add(`ea:${p.endCustomerAccountId}`);
  if (p.tender) keys.add(`et:${p.tender}`);
  return [...keys];
}

/**
 * The quantity bands of every quantity within 10% of `quantity`: two quantities within 10% of each
 * other always share one, so round numbers meet their neighbours (100 and 96, 50 and 52).
 */
export function overlappingBands(quantity: number): number[] {
  const lo = quantityBand(Math.floor(quantity / 1.1));
  const hi = quantityBand(Math.ceil(quantity * 1.1));
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

export interface BlockingStats {
  blocks: number;
  /** Blocks skipped because they exceed `maxBlock`. */
  cappedBlocks: number;
}

/** A growable column of 32-bit integers: the index keeps millions of small lists without an object each. */
class IntColumn {
  data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

/** Records under their blocking keys; a record's candidates are the other members of its blocks. */
export class CandidateIndex {
  readonly lsh: MinHashLsh;
  readonly maxBlock: number;
  /**
   * Blocks by number: a record keeps the numbers of its blocks, not their keys, so a million
   * records hold one copy of each key and a scan walks from record to members without hashing.
   * Members and blocks live in flat integer columns, not an array per block and per record: a
   * million deals make some 30 million memberships, which as small arrays cost more in garbage
   * collection than the scan itself. A block's members form a chain through `nextMember` (newest
   * first); a record's blocks are `recordBlocks[blocksFrom[r] .. blocksFrom[r + 1])`.
   */
  private readonly blockOf = new Map<string, number>();
  private readonly blockKeys: string[] = [];
  /** Per block: its member count and the newest membership (−1 when none). */
  private readonly blockSize = new IntColumn();
  private readonly newest = new IntColumn();
  /** Per membership: the record and the block's previous membership (−1 at the end). */
  private readonly memberRecord = new IntColumn();
  private readonly nextMember = new IntColumn();
  private readonly recordBlocks = new IntColumn();
  private readonly blocksFrom = new IntColumn();
  /** Sizes of blocks in the whole corpus, when only part of it is indexed here (see `useSizes`). */
  private sizes: ReadonlyMap<string, number> = new Map();
  /** Per block, 1 when its size in the whole corpus (`useSizes`) is over the cap. */
  private oversizeElsewhere = new Uint8Array(0);
  /** `laterCandidatesOf` marks each ordinal with the number of the call that last collected it. */
  private stamps = new Float64Array(0);
  private visits = 0;

  constructor(options: BlockingOptions = {}) {
    this.lsh = new MinHashLsh(options.lsh ?? DEFAULT_LSH);
    this.maxBlock = options.maxBlock ?? DEFAULT_MAX_BLOCK;
    this.blocksFrom.push(0);
  }

  /** Indexes the record under the next ordinal and returns that ordinal. */
  add(p: PreparedDeal): number {
    const ordinal = this.blocksFrom.length - 1;
    for (const key of blockingKeys(p, this.lsh)) {
      let block = this.blockOf.get(key);
      if (block === undefined) {
        block = this.blockKeys.length;
        this.blockOf.set(key, block);
        this.blockKeys.push(key);
        this.blockSize.push(0);
        this.newest.push(-1);
      }
      this.nextMember.push(this.newest.data[block] as number);
      this.newest.data[block] = this.memberRecord.length;
      this.memberRecord.push(ordinal);
      this.blockSize.data[block] = (this.blockSize.data[block] as number) + 1;
      this.recordBlocks.push(block);
    }
    this.blocksFrom.push(this.recordBlocks.length);
    return ordinal;
  }

  /**
   * Blocks are capped by their size in the whole corpus, not by how many of its members one actor
   * sees, so an actor's pairs are exactly everyone's pairs among the deals they see.
   */
  useSizes(sizes: ReadonlyMap<string, number>): void {
    this.sizes = sizes;
    this.oversizeElsewhere = new Uint8Array(this.blockKeys.length);
    this.blockKeys.forEach((key, block) => {
      if ((sizes.get(key) ?? 0) > this.maxBlock) this.oversizeElsewhere[block] = 1;
    });
  }

  /** Keys of blocks that can yield a pair here: two or more members, within the cap. */
  pairingKeys(): string[] {
    const keys: string[] = [];
    this.blockKeys.forEach((key, block) => {
      const size = this.blockSize.data[block] as number;
      if (size >= 2 && size <= this.maxBlock) keys.push(key);
    });
    return keys;
  }

  /** Whether a block may pair its members: within the cap here and in the whole corpus. */
  private pairs(block: number): boolean {
    if ((this.blockSize.data[block] as number) > this.maxBlock) return false;
    if (this.sizes.size === 0) return true;
    // A block made after `useSizes` (an incremental check) is looked up by its key.
    if (block >= this.oversizeElsewhere.length)
      return (this.sizes.get(this.blockKeys[block] as string) ?? 0) <= this.maxBlock;
    return this.oversizeElsewhere[block] === 0;
  }

  /** Adds the members of a pairing block other than `self` to `found`. */
  private collect(block: number, self: number, found: Set<number>): void {
    if (!this.pairs(block)) return;
    const { data: records } = this.memberRecord;
    const { data: next } = this.nextMember;
    for (let m = this.newest.data[block] as number; m >= 0; m = next[m] as number) {
      const r = records[m] as number;
      if (r !== self) found.add(r);
    }
  }

  /** Ordinals sharing a (not oversized) block with the keys of `p`; `self` is left out. */
  candidates(p: PreparedDeal, self = -1, keys = blockingKeys(p, this.lsh)): Set<number> {
    const found = new Set<number>();
    for (const key of keys) {
      const block = this.blockOf.get(key);
      if (block !== undefined) this.collect(block, self, found);
    }
    return found;
  }

  /** Candidates of an indexed record, by its ordinal (keys computed when it was added). */
  candidatesOf(ordinal: number): Set<number> {
    const found = new Set<number>();
    if (ordinal < 0 || ordinal >= this.blocksFrom.length - 1) return found;
    const blocks = this.recordBlocks.data;
    const to = this.blocksFrom.data[ordinal + 1] as number;
    for (let b = this.blocksFrom.data[ordinal] as number; b < to; b++)
      this.collect(blocks[b] as number, ordinal, found);
    return found;
  }

  /**
   * The candidates of an indexed record that come after it (ordinal greater), into `out`: each pair
   * of a scan once. A stamp per ordinal replaces a set, as a scan asks this for every record.
   */
  laterCandidatesOf(ordinal: number, out: number[]): void {
    out.length = 0;
    const count = this.blocksFrom.length - 1;
    if (ordinal < 0 || ordinal >= count) return;
    if (this.stamps.length < count) {
      const grown = new Float64Array(count * 2);
      grown.set(this.stamps);
      this.stamps = grown;
    }
    const stamps = this.stamps;
    const visit = ++this.visits;
    const blocks = this.recordBlocks.data;
    const { data: records } = this.memberRecord;
    const { data: next } = this.nextMember;
    const to = this.blocksFrom.data[ordinal + 1] as number;
    for (let b = this.blocksFrom.data[ordinal] as number; b < to; b++) {
      const block = blocks[b] as number;
      if (!this.pairs(block)) continue;
      // Members are chained newest first: once below this record, the rest are earlier too.
      for (let m = this.newest.data[block] as number; m >= 0; m = next[m] as number) {
        const r = records[m] as number;
        if (r <= ordinal) break;
        if (stamps[r] === visit) continue;
        stamps[r] = visit;
        out.push(r);
      }
    }
  }

  stats(): BlockingStats {
    let cappedBlocks = 0;
    for (let block = 0; block < this.blockKeys.length; block++)
      if ((this.blockSize.data[block] as number) > this.maxBlock) cappedBlocks++;
    return { blocks: this.blockKeys.length, cappedBlocks };
  }
}
