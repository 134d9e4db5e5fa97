// The normalisers live in @gongfu/core (the search keys are derived there on every write); one copy.
export { halfWidth, hasHan, pinyinKey, simplify } from '@gongfu/core';

/** Sørensen–Dice over character bigrams: 1 for equal strings, 0 for nothing in common. */
export function diceBigrams(x: string, y: string): number {
  if (x === y) return x.length === 0 ? 0 : 1;
  if (x.length < 2 || y.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < x.length - 1; i++) {
    const g = x.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < y.length - 1; i++) {
    const g = y.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      shared++;
      grams.set(g, n - 1);
    }
  }
  return (2 * shared) / (x.length - 1 + y.length - 1);
}
