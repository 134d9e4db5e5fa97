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
/** Records whose candidates `meanCandidates` counts: enough for a mean within a few per cent. */
const MEAN_CANDIDATES_SAMPLE = 2000;

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
 * - `rq`: SKU + exact quantity for lines of 10 or more (migration 0016), the split that needs
 *   neither a province nor a delivery date;
 * - `l…`: MinHash-LSH bands over the basket's SKU+band tokens;
 * - `ck`, `cn`, `cp`, `ac`, `ec`: the customer's identity keys, trade name, its pinyin, the account,
 *   the end customer — the same customer entered twice;
 * - `ea`, `et`: the linked end-customer account and the tender number, so two bids for one end
 *   customer or one tender are always compared, however different their baskets and bidders.
 */
export function blockingKeys(p: PreparedDeal, lsh: MinHashLsh): string[] {
  const keys = new Set<string>();
  eachBlockingKey(p, lsh, (key) => keys.add(key));
  return [...keys];
}

/**
 * `blockingKeys` one by one, a key possibly more than once (in the order `blockingKeys` lists them):
 * the index drops repeats by block number instead of hashing every key into a set first.
 */
function eachBlockingKey(p: PreparedDeal, lsh: MinHashLsh, emit: (key: string) => void): void {
  const r = p.record;
  const lines = p.items;
  let main: (typeof lines)[number] | undefined;
  for (const l of lines) if (main === undefined || l.quantity > main.quantity) main = l;
  const early = p.deliveryDay === null ? null : monthOf(p.deliveryDay - 7);
  const late = p.deliveryDay === null ? null : monthOf(p.deliveryDay + 7);
  const second = late !== early ? late : null;
  if (r.province && main && early !== null) {
    const prefix = `pm:${r.province}:${main.category ?? main.sku}:`;
    const [lo, hi] = bandRange(main.quantity);
    for (let band = lo; band <= hi; band++) {
      emit(`${prefix}${band}:${early}`);
      if (second !== null) emit(`${prefix}${band}:${second}`);
    }
  }
  const big: string[] = [];
  for (const l of lines) {
    if (l.quantity < 10) continue;
    const band = quantityBand(l.quantity);
    emit(`ri:${l.sku}:${band}`);
    emit(`ri:${l.sku}:${band + 1}`);
    // A popular SKU's block outgrows the cap; its pairs are still met in these smaller blocks,
    // split by the province and the delivery months (an oversize block is split, not dropped).
    if (early !== null) {
      const province = r.province ?? '-';
      for (let b = band; b <= band + 1; b++) {
        emit(`rm:${l.sku}:${b}:${province}:${early}`);
        if (second !== null) emit(`rm:${l.sku}:${b}:${province}:${second}`);
      }
    }
    // The same SKU in exactly the same quantity: a copy keeps it, and an odd quantity (119, 393)
    // stays selective where the SKU's band blocks and their splits by province and month
    // outgrow the cap or are missed (one copy without a province or a delivery date).
    emit(`rq:${l.sku}:${l.quantity}`);
    big.push(`${l.sku}:${band}`);
  }
  if (r.province) {
    big.sort();
    for (let i = 0; i < big.length; i++)
      for (let j = i + 1; j < big.length; j++) emit(`pp:${r.province}:${big[i]}+${big[j]}`);
  }
  for (const k of lsh.bandKeys(p.tokens)) emit(k);
  for (const k of r.accountKeys) emit(`ck:${k}`);
  emit(`ac:${r.accountId}`);
  if (p.customer.tradeName.length >= 2) emit(`cn:${p.customer.tradeName}`);
  if (p.customer.pinyin.length >= 4) emit(`cp:${p.customer.pinyin}`);
  if (p.endCustomer) emit(`ec:${p.endCustomer}`);
  if (p.endCustomerAccountId) emit(`ea:${p.endCustomerAccountId}`);
  if (p.tender) emit(`et:${p.tender}`);
}

/**
 * The quantity bands of every quantity within 10% of `quantity`: two quantities within 10% of each
 * other always share one, so round numbers meet their neighbours (100 and 96, 50 and 52).
 */
export function overlappingBands(quantity: number): number[] {
  const [lo, hi] = bandRange(quantity);
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** The first and last of `overlappingBands(quantity)`. */
function bandRange(quantity: number): [number, number] {
  return [quantityBand(Math.floor(quantity / 1.1)), quantityBand(Math.ceil(quantity * 1.1))];
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
  /** See `laid`; null when an `add` or `useSizes` came since. */
  private layout: { from: Int32Array; members: Int32Array } | null = null;

  constructor(options: BlockingOptions = {}) {
    this.lsh = new MinHashLsh(options.lsh ?? DEFAULT_LSH);
    this.maxBlock = options.maxBlock ?? DEFAULT_MAX_BLOCK;
    this.blocksFrom.push(0);
  }

  /** Indexes the record under the next ordinal and returns that ordinal. */
  add(p: PreparedDeal): number {
    const ordinal = this.blocksFrom.length - 1;
    this.layout = null;
    eachBlockingKey(p, this.lsh, (key) => {
      let block = this.blockOf.get(key);
      if (block === undefined) {
        block = this.blockKeys.length;
        this.blockOf.set(key, block);
        this.blockKeys.push(key);
        this.blockSize.push(0);
        this.newest.push(-1);
      } else {
        // A key met twice for one deal: its newest member is this deal already.
        const last = this.newest.data[block] as number;
        if (last >= 0 && this.memberRecord.data[last] === ordinal) return;
      }
      this.nextMember.push(this.newest.data[block] as number);
      this.newest.data[block] = this.memberRecord.length;
      this.memberRecord.push(ordinal);
      this.blockSize.data[block] = (this.blockSize.data[block] as number) + 1;
      this.recordBlocks.push(block);
    });
    this.blocksFrom.push(this.recordBlocks.length);
    return ordinal;
  }

  /**
   * Blocks are capped by their size in the whole corpus, not by how many of its members one actor
   * sees, so an actor's pairs are exactly everyone's pairs among the deals they see.
   */
  useSizes(sizes: ReadonlyMap<string, number>): void {
    this.sizes = sizes;
    this.layout = null;
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
   * How many candidates an indexed record has on average: every record's when there are at most
   * `sample`, else those of `sample` records spread evenly over the ordinals (deterministic).
   */
  meanCandidates(sample = MEAN_CANDIDATES_SAMPLE): number {
    const count = this.blocksFrom.length - 1;
    if (count === 0) return 0;
    const taken = Math.min(count, sample);
    let total = 0;
    for (let k = 0; k < taken; k++) total += this.candidatesOf(Math.floor((k * count) / taken)).size;
    return total / taken;
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
    const { from, members } = this.laid();
    const stamps = this.stamps;
    const visit = ++this.visits;
    const blocks = this.recordBlocks.data;
    const to = this.blocksFrom.data[ordinal + 1] as number;
    for (let b = this.blocksFrom.data[ordinal] as number; b < to; b++) {
      const block = blocks[b] as number;
      const end = from[block + 1] as number;
      // Members are laid out newest first: once below this record, the rest are earlier too.
      for (let m = from[block] as number; m < end; m++) {
        const r = members[m] as number;
        if (r <= ordinal) break;
        if (stamps[r] === visit) continue;
        stamps[r] = visit;
        out.push(r);
      }
    }
  }

  /**
   * The members of every pairing block in one flat column, newest first, block after block (a
   * block that may not pair is laid out empty): a scan reads each block's members from contiguous
   * memory instead of following its chain. Laid out once, again after an `add` or `useSizes`.
   */
  private laid(): { from: Int32Array; members: Int32Array } {
    if (this.layout !== null) return this.layout;
    const blockCount = this.blockKeys.length;
    const from = new Int32Array(blockCount + 1);
    let total = 0;
    for (let block = 0; block < blockCount; block++) {
      if (this.pairs(block)) total += this.blockSize.data[block] as number;
      from[block + 1] = total;
    }
    const members = new Int32Array(total);
    const { data: records } = this.memberRecord;
    const { data: next } = this.nextMember;
    for (let block = 0; block < blockCount; block++) {
      let at = from[block] as number;
      if (at === from[block + 1]) continue;
      for (let m = this.newest.data[block] as number; m >= 0; m = next[m] as number)
        members[at++] = records[m] as number;
    }
    this.layout = { from, members };
    return this.layout;
  }

  stats(): BlockingStats {
    let cappedBlocks = 0;
    for (let block = 0; block < this.blockKeys.length; block++)
      if ((this.blockSize.data[block] as number) > this.maxBlock) cappedBlocks++;
    return { blocks: this.blockKeys.length, cappedBlocks };
  }
}
