/** Entries kept before a memo starts over: bounds the memory of a scan of a huge tenant. */
const MEMO_MAX = 2_000_000;

/**
 * Weights by non-negative number keys, for the memos of a scan: open addressing over two flat
 * columns (key −1: empty). A scan looks up millions of pairs, and their keys pass 2³¹, which a
 * `Map` would box on every lookup. Starts over when it holds `MEMO_MAX` entries; a key below 0 is
 * never kept (`get` answers undefined, `set` returns the weight).
 */
export class NumberMemo {
  private keys = new Float64Array(1024).fill(-1);
  private weights = new Float64Array(1024);
  private size = 0;

  /** The slot holding `key`, or the empty slot where it would go. */
  private slot(key: number): number {
    const mask = this.keys.length - 1;
    const low = key >>> 0;
    const high = Math.floor(key / 4294967296);
    let at = (Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> 0) & mask;
    for (;;) {
      const held = this.keys[at] as number;
      if (held === key || held === -1) return at;
      at = (at + 1) & mask;
    }
  }

  get(key: number): number | undefined {
    if (key < 0) return undefined;
    const at = this.slot(key);
    return this.keys[at] === key ? this.weights[at] : undefined;
  }

  set(key: number, weight: number): number {
    if (key < 0) return weight;
    if (this.size >= MEMO_MAX) {
      this.keys.fill(-1);
      this.size = 0;
    }
    if (2 * (this.size + 1) > this.keys.length) this.grow();
    const at = this.slot(key);
    if (this.keys[at] !== key) {
      this.keys[at] = key;
      this.size++;
    }
    this.weights[at] = weight;
    return weight;
  }

  /** Twice the slots, every entry placed again. */
  private grow(): void {
    const [keys, weights] = [this.keys, this.weights];
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.weights = new Float64Array(keys.length * 2);
    for (let at = 0; at < keys.length; at++) {
      const key = keys[at] as number;
      if (key === -1) continue;
      const to = this.slot(key);
      this.keys[to] = key;
      this.weights[to] = weights[at] as number;
    }
  }
}
