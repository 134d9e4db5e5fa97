/**
 * MinHash signatures cut into LSH bands: two baskets share at least one band key with probability
 * 1 − (1 − J^rows)^bands, J their Jaccard similarity — near-copies meet, unrelated baskets rarely do.
 */
export interface LshParams {
  bands: number;
  rows: number;
  seed: number;
}

export const DEFAULT_LSH: LshParams = { bands: 12, rows: 3, seed: 0x9e3779b9 };

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded generator, so band keys are the same in every process. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

export class MinHashLsh {
  private readonly mulA: Uint32Array;
  private readonly addB: Uint32Array;
  /** Reused by `minima`: a deal's signature is read before the next deal's is made. */
  private readonly scratch: Uint32Array;

  constructor(readonly params: LshParams = DEFAULT_LSH) {
    const n = params.bands * params.rows;
    const next = seeded(params.seed);
    this.mulA = new Uint32Array(n);
    this.addB = new Uint32Array(n);
    this.scratch = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      this.mulA[i] = next() | 1;
      this.addB[i] = next();
    }
  }

  /**
   * The MinHash signature (`bands × rows` minima, band after band) of a token set, or null for an
   * empty one. The array is reused by the next call: read it before asking again.
   */
  minima(tokens: readonly string[]): Uint32Array | null {
    if (tokens.length === 0) return null;
    const n = this.mulA.length;
    const mins = this.scratch.fill(0xffffffff);
    for (const token of tokens) {
      const x = fnv1a(token);
      for (let i = 0; i < n; i++) {
        let h = (Math.imul(this.mulA[i] ?? 1, x) + (this.addB[i] ?? 0)) >>> 0;
        h ^= h >>> 16;
        h = Math.imul(h, 0x85ebca6b) >>> 0;
        h ^= h >>> 13;
        if (h < (mins[i] ?? 0)) mins[i] = h;
      }
    }
    return mins;
  }
}
