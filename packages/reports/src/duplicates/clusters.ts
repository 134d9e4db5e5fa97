import type { DealDuplicate } from './types.js';

/** Deals that look like one deal, pair by pair: what a manager settles in one sitting. */
export interface DuplicateCluster {
  /** The deals of the cluster, sorted. */
  dealIds: string[];
  /** Its pairs at or above the floor, best first. */
  pairs: DealDuplicate[];
  /** The best pair's probability: the chance that at least two of these deals are one. */
  probability: number;
  /** The best pair's score in bits. */
  score: number;
  /** Whether any pair is an exact or near-exact copy (see `DealDuplicate.copy`). */
  copy: boolean;
}

/**
 * Groups pairs into clusters (deals linked by a chain of pairs at or above `minScore`: three copies
 * of one deal are one cluster, not three pairs) and ranks them as a manager's queue: copies first,
 * then by probability, then by score.
 */
export function clusterPairs(pairs: readonly DealDuplicate[], minScore = 0): DuplicateCluster[] {
  const parent = new Map<string, string>();
  const root = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    parent.set(id, r);
    return r;
  };
  const kept = pairs.filter((p) => p.score >= minScore);
  for (const p of kept) {
    for (const id of [p.a.id, p.b.id]) if (!parent.has(id)) parent.set(id, id);
    const [x, y] = [root(p.a.id), root(p.b.id)];
    // The smaller id becomes the root, so clusters come out the same whatever the pair order.
    if (x < y) parent.set(y, x);
    else if (y < x) parent.set(x, y);
  }
  const byRoot = new Map<string, DealDuplicate[]>();
  for (const p of kept) {
    const r = root(p.a.id);
    const group = byRoot.get(r);
    if (group) group.push(p);
    else byRoot.set(r, [p]);
  }
  const clusters = [...byRoot.values()].map((group): DuplicateCluster => {
    const best = [...group].sort((p, q) => q.score - p.score);
    const top = best[0] as DealDuplicate;
    return {
      dealIds: [...new Set(group.flatMap((p) => [p.a.id, p.b.id]))].sort(),
      pairs: best,
      probability: top.probability,
      score: top.score,
      copy: group.some((p) => p.copy),
    };
  });
  return clusters.sort(
    (p, q) =>
      Number(q.copy) - Number(p.copy) ||
      q.probability - p.probability ||
      q.score - p.score ||
      ((p.dealIds[0] ?? '') < (q.dealIds[0] ?? '') ? -1 : 1),
  );
}
