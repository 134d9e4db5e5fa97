import { BlockTable } from './block-table.js';
import { DEFAULT_LSH, type LshParams, MinHashLsh } from './minhash.js';
import type { PreparedDeal } from './prepared-deal.js';

export { blockingKeys, overlappingBands } from './block-keys.js';

export interface BlockingOptions {
  /** Blocks (and LSH buckets) holding more records than this are skipped: too common to tell anything. */
  maxBlock?: number;
  lsh?: LshParams;
}

/** Blocks with more members than this are skipped, in memory and in the stored keys alike. */
export const DEFAULT_MAX_BLOCK = 100;
/** Records whose candidates `meanCandidates` counts: enough for a mean within a few per cent. */
const MEAN_CANDIDATES_SAMPLE = 2000;

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
  private readonly table = new BlockTable();
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
  /** `laterCandidatesOf`'s reader of the current layout (null with it). */
  private laterReader: LaterCandidates | null = null;
  /** See `laid`; null when an `add` or `useSizes` came since. */
  private layout: { from: Int32Array; members: Int32Array } | null = null;
  /** The ordinal `add` is indexing, for `join`. */
  private adding = -1;
  /** `candidateList`'s stamp per ordinal, its answer's buffer, and its last stamp. */
  private listStamps = new Int32Array(0);
  private listed = new Int32Array(0);
  private listVisits = 0;

  constructor(options: BlockingOptions = {}) {
    this.lsh = new MinHashLsh(options.lsh ?? DEFAULT_LSH);
    this.maxBlock = options.maxBlock ?? DEFAULT_MAX_BLOCK;
    this.blocksFrom.push(0);
  }

  /** Indexes the record under the next ordinal and returns that ordinal. */
  add(p: PreparedDeal): number {
    const ordinal = this.blocksFrom.length - 1;
    this.layout = null;
    this.adding = ordinal;
    this.table.blocksOf(p, this.lsh, true, this.join);
    this.blocksFrom.push(this.recordBlocks.length);
    return ordinal;
  }

  /** Makes the record being added a member of a block (made by the table just now, or earlier). */
  private readonly join = (block: number): void => {
    const ordinal = this.adding;
    if (block === this.blockSize.length) {
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
  };

  /**
   * Blocks are capped by their size in the whole corpus, not by how many of its members one actor
   * sees, so an actor's pairs are exactly everyone's pairs among the deals they see.
   */
  useSizes(sizes: ReadonlyMap<string, number>): void {
    this.sizes = sizes;
    this.layout = null;
    this.oversizeElsewhere = new Uint8Array(this.table.size);
    for (let block = 0; block < this.table.size; block++)
      if ((sizes.get(this.table.keyOf(block)) ?? 0) > this.maxBlock) this.oversizeElsewhere[block] = 1;
  }

  /** Keys of blocks that can yield a pair here: two or more members, within the cap. */
  pairingKeys(): string[] {
    const keys: string[] = [];
    for (let block = 0; block < this.table.size; block++) {
      const size = this.blockSize.data[block] as number;
      if (size >= 2 && size <= this.maxBlock) keys.push(this.table.keyOf(block));
    }
    return keys;
  }

  /** Whether a block may pair its members: within the cap here and in the whole corpus. */
  private pairs(block: number): boolean {
    if ((this.blockSize.data[block] as number) > this.maxBlock) return false;
    if (this.sizes.size === 0) return true;
    // A block made after `useSizes` (an incremental check) is looked up by its key.
    if (block >= this.oversizeElsewhere.length)
      return (this.sizes.get(this.table.keyOf(block)) ?? 0) <= this.maxBlock;
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
  candidates(p: PreparedDeal, self = -1): Set<number> {
    const found = new Set<number>();
    this.table.blocksOf(p, this.lsh, false, (block) => this.collect(block, self, found));
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
   * `candidatesOf` as a list in the same order (each candidate where the set first met it), without
   * building a set: the estimate lists the candidates of thousands of deals, each read once. The
   * answer is a view of one buffer reused by the next call, so read it before asking again.
   */
  candidateList(ordinal: number): Int32Array {
    const count = this.blocksFrom.length - 1;
    if (ordinal < 0 || ordinal >= count) return this.listed.subarray(0, 0);
    if (this.listStamps.length < count) {
      this.listStamps = new Int32Array(count);
      this.listed = new Int32Array(count);
      this.listVisits = 0;
    }
    if (this.listVisits === 0x7fffffff) {
      this.listStamps.fill(0);
      this.listVisits = 0;
    }
    const visit = ++this.listVisits;
    const stamps = this.listStamps;
    const out = this.listed;
    const { data: records } = this.memberRecord;
    const { data: next } = this.nextMember;
    const blocks = this.recordBlocks.data;
    let found = 0;
    const to = this.blocksFrom.data[ordinal + 1] as number;
    for (let b = this.blocksFrom.data[ordinal] as number; b < to; b++) {
      const block = blocks[b] as number;
      if (!this.pairs(block)) continue;
      for (let m = this.newest.data[block] as number; m >= 0; m = next[m] as number) {
        const r = records[m] as number;
        if (r === ordinal || stamps[r] === visit) continue;
        stamps[r] = visit;
        out[found++] = r;
      }
    }
    return out.subarray(0, found);
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
    for (let k = 0; k < taken; k++) total += this.candidateList(Math.floor((k * count) / taken)).length;
    return total / taken;
  }

  /**
   * The candidates of an indexed record that come after it (ordinal greater): each pair of a scan
   * once. The answer is a view of one buffer reused by the next call, so read it before asking again
   * (see `LaterCandidates`).
   */
  laterCandidatesOf(ordinal: number): Int32Array {
    if (this.layout === null) this.laterReader = null;
    if (this.laterReader === null) this.laterReader = new LaterCandidates(this.laidBlocks());
    return this.laterReader.of(ordinal);
  }

  /**
   * What `laterCandidatesOf` reads, as typed arrays: a scan's worker thread is handed these and
   * answers the same candidates without the index (`scan-threads.ts`).
   */
  laidBlocks(): LaidBlocks {
    return {
      ...this.laid(),
      recordBlocks: this.recordBlocks.data.subarray(0, this.recordBlocks.length),
      blocksFrom: this.blocksFrom.data.subarray(0, this.blocksFrom.length),
    };
  }

  /**
   * The members of every pairing block in one flat column, newest first, block after block (a
   * block that may not pair is laid out empty): a scan reads each block's members from contiguous
   * memory instead of following its chain. Laid out once, again after an `add` or `useSizes`.
   */
  private laid(): { from: Int32Array; members: Int32Array } {
    if (this.layout !== null) return this.layout;
    const blockCount = this.table.size;
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
    for (let block = 0; block < this.table.size; block++)
      if ((this.blockSize.data[block] as number) > this.maxBlock) cappedBlocks++;
    return { blocks: this.table.size, cappedBlocks };
  }
}

/**
 * The index's pairing blocks laid out flat (members newest first, block after block) and each
 * record's blocks: all `laterCandidatesOf` reads.
 */
export interface LaidBlocks {
  from: Int32Array;
  members: Int32Array;
  recordBlocks: Int32Array;
  blocksFrom: Int32Array;
}

/**
 * The later candidates of each record, read from laid-out blocks. A stamp per ordinal replaces a
 * set, as a scan asks this for every record; the answer is a view of one buffer reused by the next
 * call (a scan of 100k deals regrew an array from empty for every deal).
 */
export class LaterCandidates {
  private readonly count: number;
  private readonly stamps: Int32Array;
  private readonly later: Int32Array;
  private visits = 0;

  constructor(private readonly blocks: LaidBlocks) {
    this.count = blocks.blocksFrom.length - 1;
    this.stamps = new Int32Array(Math.max(0, this.count));
    this.later = new Int32Array(Math.max(0, this.count));
  }

  of(ordinal: number): Int32Array {
    if (ordinal < 0 || ordinal >= this.count) return this.later.subarray(0, 0);
    const { from, members, recordBlocks: blocks, blocksFrom } = this.blocks;
    const stamps = this.stamps;
    const out = this.later;
    let found = 0;
    // 32-bit stamps (half the memory a scan of a million deals reads at random): started over
    // before the count would overflow, so no old stamp can equal a new one.
    if (this.visits === 0x7fffffff) {
      stamps.fill(0);
      this.visits = 0;
    }
    const visit = ++this.visits;
    const to = blocksFrom[ordinal + 1] as number;
    for (let b = blocksFrom[ordinal] as number; b < to; b++) {
      const block = blocks[b] as number;
      const end = from[block + 1] as number;
      // Members are laid out newest first: once below this record, the rest are earlier too.
      for (let m = from[block] as number; m < end; m++) {
        const r = members[m] as number;
        if (r <= ordinal) break;
        if (stamps[r] === visit) continue;
        stamps[r] = visit;
        out[found++] = r;
      }
    }
    return out.subarray(0, found);
  }
}
