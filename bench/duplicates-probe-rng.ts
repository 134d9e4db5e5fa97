/** The probe's random numbers: deterministic per seed, so a rerun plants the same tenant. */
/** Small deterministic generator (mulberry32): the probe is rerun and must plant the same data. */
export function probeRng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const chance = (p: number) => next() < p;
  /** An index drawn with probability ∝ its weight. */
  const weighted = (weights: readonly number[]) => {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = next() * total;
    for (let i = 0; i < weights.length - 1; i++) {
      r -= weights[i] as number;
      if (r <= 0) return i;
    }
    return weights.length - 1;
  };
  /** Index drawn with weight ∝ 1 / (rank + 1)^s: a few heads, a long tail. */
  const zipf = (n: number, s: number) => {
    const w = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
    const total = w.reduce((a, b) => a + b, 0);
    return () => {
      let r = next() * total;
      for (let i = 0; i < n; i++) {
        r -= w[i] as number;
        if (r <= 0) return i;
      }
      return n - 1;
    };
  };
  return { next, int, pick, chance, weighted, zipf };
}
export type ProbeRng = ReturnType<typeof probeRng>;
