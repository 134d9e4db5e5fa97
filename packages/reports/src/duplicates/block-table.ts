import { type BlockKeySink, eachBlockingKey, lshBandText, type NamedKind } from './block-keys.js';
import type { MinHashLsh } from './minhash.js';
import type { PreparedDeal } from './prepared-deal.js';

/**
 * Block numbers by blocking key, with the key held as integers: a kind and up to five parts, each
 * a number (band, quantity, LSH minimum) or an interned string (SKU, province, month, account).
 * Building the keys as text cost the index most of its time: some 45 fresh strings per deal, each
 * flattened and hashed into a `Map`. Two deals' keys are equal as integers exactly when they are
 * equal as text (`keyOf` gives the text back):
 * - each kind's text starts with its own prefix, and its parts are joined by `:` (and `+`);
 * - a part that itself holds `:` or `+` (or a quantity that is not a 32-bit integer, or LSH bands
 *   of more than four rows) would make that text ambiguous, so such a key is interned as its whole
 *   text instead (kind `TEXT`). Its text has more separators than any key of that kind made of
 *   plain parts, so the two forms never stand for one text.
 */
const KIND = {
  pm: 0,
  ri: 1,
  rm: 2,
  rq: 3,
  pp: 4,
  lsh: 5,
  ck: 6,
  ac: 7,
  cn: 8,
  cp: 9,
  ec: 10,
  ea: 11,
  et: 12,
  text: 13,
  pq: 14,
  nq: 15,
} as const;
const NAMED: readonly NamedKind[] = ['ck', 'ac', 'cn', 'cp', 'ec', 'ea', 'et'];

/** Integers per block: the kind and five parts. */
const WIDTH = 6;
/** An LSH band is its number, its row count and its minima. */
const MAX_LSH_ROWS = WIDTH - 3;

const isInt32 = (x: number) => (x | 0) === x;

/**
 * Row `r` of an LSH band's minima as a 32-bit integer, 0 past its rows. A plain function, not a
 * closure made per band: the index calls this 36 times per deal, and run from source each closure
 * also had its name set (some 12 % of the index's time at 100k).
 */
function minAt(mins: Uint32Array, from: number, r: number, rows: number): number {
  return r < rows ? (mins[from + r] as number) | 0 : 0;
}

function mix(h: number, x: number): number {
  const m = Math.imul(h ^ x, 0x9e3779b1);
  return m ^ (m >>> 15);
}

export class BlockTable implements BlockKeySink {
  /** Interned strings: id by string, string by id, and whether it holds `:` or `+`. */
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];
  private awkward = new Uint8Array(1024);
  /** Per block, its key's `WIDTH` integers. */
  private tuples = new Int32Array(1024 * WIDTH);
  private count = 0;
  /** Open addressing, linear probing: block + 1, 0 for an empty slot. */
  private slots = new Int32Array(2048);
  /** What `blocksOf` does with each key: add the missing blocks or not, and whom to tell. */
  private insert = false;
  private visit: (block: number) => void = () => {};
  /** The keys of the deal `blocksOf` is reading, `WIDTH` integers each, looked up together (`lookUpPending`). */
  private pending = new Int32Array(64 * WIDTH);
  private pendingCount = 0;
  /** A key asked for alone (`find`), in the form `findAt` reads. */
  private readonly asked = new Int32Array(WIDTH);
  /** Each pending key's `hashOf`. */
  private pendingHash = new Int32Array(64);
  /** What `lookUpPending`'s first passes read, summed: kept (and public) so the reads are not dropped as unused. */
  warmed = 0;

  get size(): number {
    return this.count;
  }

  /**
   * Hands `visit` the block number of each of the deal's keys (`eachBlockingKey`, same order, a key
   * possibly more than once); with `insert` false, a key no deal has is left out instead of added.
   */
  blocksOf(p: PreparedDeal, lsh: MinHashLsh, insert: boolean, visit: (block: number) => void): void {
    this.insert = insert;
    this.visit = visit;
    this.pendingCount = 0;
    eachBlockingKey(p, lsh, this);
    this.lookUpPending();
  }

  /**
   * The deal's keys looked up in the order they came, as `find` one by one would, after two tight
   * passes that only read: each key's first slot, then the key that slot holds. A lookup is two
   * dependent cache misses at random places in tables of many megabytes (the slot, then its
   * block's key: most of the index's time at 100k); read for all ~45 keys of a deal at once, the
   * processor has many of them in flight, and the lookups then find them in the cache. The same
   * blocks, numbered and visited in the same order.
   */
  private lookUpPending(): void {
    const keys = this.pending;
    const hashes = this.pendingHash;
    const n = this.pendingCount;
    const mask = this.slots.length - 1;
    let read = 0;
    for (let k = 0; k < n; k++) {
      const h = hashAt(keys, k * WIDTH);
      hashes[k] = h;
      read += this.slots[h & mask] as number;
    }
    for (let k = 0; k < n; k++) {
      const slot = this.slots[(hashes[k] as number) & mask] as number;
      if (slot !== 0) read += this.tuples[(slot - 1) * WIDTH] as number;
    }
    this.warmed = read;
    for (let k = 0; k < n; k++) {
      const block = this.findAt(hashes[k] as number, keys, k * WIDTH, this.insert);
      if (block >= 0) this.visit(block);
    }
    this.pendingCount = 0;
  }

  /** The block of a key given as its text (the stored form), or −1. */
  blockOfText(key: string): number {
    const id = this.ids.get(key);
    return id === undefined ? -1 : this.find(KIND.text, id, 0, 0, 0, 0, false);
  }

  /** The key's text, as `blockingKeys` writes it and the store keeps it. */
  keyOf(block: number): string {
    const t = this.tuples;
    const o = block * WIDTH;
    const s = (i: number) => this.strings[t[o + i] as number] as string;
    const n = (i: number) => t[o + i] as number;
    switch (t[o]) {
      case KIND.pm:
        return `pm:${s(1)}:${s(2)}:${n(3)}:${s(4)}`;
      case KIND.ri:
        return `ri:${s(1)}:${n(2)}`;
      case KIND.rm:
        return `rm:${s(1)}:${n(2)}:${s(3)}:${s(4)}`;
      case KIND.rq:
        return `rq:${s(1)}:${n(2)}`;
      case KIND.pp:
        return `pp:${s(1)}:${s(2)}:${n(3)}+${s(4)}:${n(5)}`;
      case KIND.lsh:
        return lshBandText(n(1), t, o + 3, n(2));
      case KIND.text:
        return s(1);
      case KIND.pq:
        return `pq:${s(1)}:${s(2)}:${n(3)}`;
      case KIND.nq:
        return `nq:${s(1)}:${n(2)}:${NAMED[n(3)]}:${s(4)}`;
      default:
        return `${NAMED[(t[o] as number) - KIND.ck]}:${s(1)}`;
    }
  }

  placed(province: string, group: string, band: number, month: string): void {
    const a = this.intern(province);
    const b = this.intern(group);
    const d = this.intern(month);
    if (a < 0 || b < 0 || d < 0) return;
    if (this.plain(a) && this.plain(b) && this.plain(d)) this.tuple(KIND.pm, a, b, band, d, 0);
    else this.text(`pm:${province}:${group}:${band}:${month}`);
  }

  line(sku: string, band: number): void {
    const a = this.intern(sku);
    if (a < 0) return;
    if (this.plain(a)) this.tuple(KIND.ri, a, band, 0, 0, 0);
    else this.text(`ri:${sku}:${band}`);
  }

  lineAt(sku: string, band: number, province: string, month: string): void {
    const a = this.intern(sku);
    const c = this.intern(province);
    const d = this.intern(month);
    if (a < 0 || c < 0 || d < 0) return;
    if (this.plain(a) && this.plain(c) && this.plain(d)) this.tuple(KIND.rm, a, band, c, d, 0);
    else this.text(`rm:${sku}:${band}:${province}:${month}`);
  }

  exact(sku: string, quantity: number): void {
    const a = this.intern(sku);
    if (a < 0) return;
    if (this.plain(a) && isInt32(quantity)) this.tuple(KIND.rq, a, quantity, 0, 0, 0);
    else this.text(`rq:${sku}:${quantity}`);
  }

  placedExact(province: string, group: string, quantity: number): void {
    const a = this.intern(province);
    const b = this.intern(group);
    if (a < 0 || b < 0) return;
    if (this.plain(a) && this.plain(b) && isInt32(quantity)) this.tuple(KIND.pq, a, b, quantity, 0, 0);
    else this.text(`pq:${province}:${group}:${quantity}`);
  }

  /** The value comes last and may hold `:` (as `ck` keys do), like the plain `named` keys. */
  namedExact(group: string, quantity: number, kind: NamedKind, value: string): void {
    const a = this.intern(group);
    const d = this.intern(value);
    if (a < 0 || d < 0) return;
    if (this.plain(a) && isInt32(quantity)) this.tuple(KIND.nq, a, quantity, NAMED.indexOf(kind), d, 0);
    else this.text(`nq:${group}:${quantity}:${kind}:${value}`);
  }

  linePair(province: string, skuA: string, bandA: number, skuB: string, bandB: number): void {
    const a = this.intern(province);
    const b = this.intern(skuA);
    const d = this.intern(skuB);
    if (a < 0 || b < 0 || d < 0) return;
    if (this.plain(a) && this.plain(b) && this.plain(d)) this.tuple(KIND.pp, a, b, bandA, d, bandB);
    else this.text(`pp:${province}:${skuA}:${bandA}+${skuB}:${bandB}`);
  }

  lshBand(band: number, mins: Uint32Array, from: number, rows: number): void {
    if (rows > MAX_LSH_ROWS) {
      this.text(lshBandText(band, mins, from, rows));
      return;
    }
    this.tuple(
      KIND.lsh,
      band,
      rows,
      minAt(mins, from, 0, rows),
      minAt(mins, from, 1, rows),
      minAt(mins, from, 2, rows),
    );
  }

  named(kind: NamedKind, value: string): void {
    const a = this.intern(value);
    if (a >= 0) this.tuple(KIND[kind], a, 0, 0, 0, 0);
  }

  private plain(id: number): boolean {
    return this.awkward[id] === 0;
  }

  /** A key held as its whole text (see the class comment). */
  private text(key: string): void {
    const id = this.intern(key);
    if (id >= 0) this.tuple(KIND.text, id, 0, 0, 0, 0);
  }

  /** The id of a string; when not inserting, −1 for a string no key holds. */
  private intern(s: string): number {
    let id = this.ids.get(s);
    if (id !== undefined) return id;
    if (!this.insert) return -1;
    id = this.strings.length;
    this.ids.set(s, id);
    this.strings.push(s);
    if (id === this.awkward.length) {
      const grown = new Uint8Array(id * 2);
      grown.set(this.awkward);
      this.awkward = grown;
    }
    this.awkward[id] = s.includes(':') || s.includes('+') ? 1 : 0;
    return id;
  }

  /** Holds a key of the deal being read, looked up with the others (`lookUpPending`). */
  private tuple(kind: number, a: number, b: number, c: number, d: number, e: number): void {
    if ((this.pendingCount + 1) * WIDTH > this.pending.length) {
      this.pending = doubled(this.pending);
      this.pendingHash = new Int32Array(this.pending.length / WIDTH);
    }
    putKey(this.pending, this.pendingCount++ * WIDTH, kind, a, b, c, d, e);
  }

  private find(kind: number, a: number, b: number, c: number, d: number, e: number, insert: boolean): number {
    putKey(this.asked, 0, kind, a, b, c, d, e);
    return this.findAt(hashAt(this.asked, 0), this.asked, 0, insert);
  }

  /** `find` of the key at `o` in `keys`, its `hashOf` given. */
  private findAt(hash: number, keys: Int32Array, o: number, insert: boolean): number {
    const mask = this.slots.length - 1;
    let i = hash & mask;
    const t = this.tuples;
    for (let slot = this.slots[i] as number; slot !== 0; slot = this.slots[i] as number) {
      const at = (slot - 1) * WIDTH;
      if (
        t[at] === keys[o] &&
        t[at + 1] === keys[o + 1] &&
        t[at + 2] === keys[o + 2] &&
        t[at + 3] === keys[o + 3] &&
        t[at + 4] === keys[o + 4] &&
        t[at + 5] === keys[o + 5]
      )
        return slot - 1;
      i = (i + 1) & mask;
    }
    if (!insert) return -1;
    const block = this.count++;
    if ((block + 1) * WIDTH > this.tuples.length) this.tuples = doubled(this.tuples);
    for (let w = 0; w < WIDTH; w++) this.tuples[block * WIDTH + w] = keys[o + w] as number;
    this.slots[i] = block + 1;
    if (this.count * 2 > this.slots.length) this.rehash();
    return block;
  }

  /** Twice the slots, every block placed again: the table stays at most half full. */
  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    const t = this.tuples;
    for (let block = 0; block < this.count; block++) {
      let i = hashAt(t, block * WIDTH) & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = block + 1;
    }
    this.slots = slots;
  }
}

/** Writes a key's `WIDTH` integers at `o`. */
function putKey(
  into: Int32Array,
  o: number,
  kind: number,
  a: number,
  b: number,
  c: number,
  d: number,
  e: number,
): void {
  into[o] = kind;
  into[o + 1] = a;
  into[o + 2] = b;
  into[o + 3] = c;
  into[o + 4] = d;
  into[o + 5] = e;
}

/** `hashOf` the key at `o` in `keys`. */
function hashAt(keys: Int32Array, o: number): number {
  return hashOf(
    keys[o] as number,
    keys[o + 1] as number,
    keys[o + 2] as number,
    keys[o + 3] as number,
    keys[o + 4] as number,
    keys[o + 5] as number,
  );
}

/** Twice as long, the values kept. */
function doubled(ints: Int32Array): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(ints.length * 2);
  grown.set(ints);
  return grown;
}

function hashOf(kind: number, a: number, b: number, c: number, d: number, e: number): number {
  let h = mix(mix(mix(mix(mix(mix(0x811c9dc5, kind), a), b), c), d), e);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return h ^ (h >>> 13);
}
