/**
 * Whether the blocking's splits count province and delivery twice: among the candidate pairs of two
 * different customers (none planted), how often the two deals share the province and deliver within
 * a week / month, by how the pair met — only through a key that fixes the province (and month):
 * `pm`, `rm` (a popular line split by province and month), `pp` (two lines in one province) — or
 * through at least one key that fixes neither (a shared line within the cap, an exact quantity, an
 * LSH band, the customer's keys). Beside each share, the u the score reads that comparison against
 * (the province's share of deals; the candidate u of delivery), and the mean weight it gave. Then
 * calibration: pairs of two customers by score band and by how they met, true share against the
 * share the score says.
 *
 *   npx tsx bench/duplicates-split-u.ts [--n 30000] [--gen 1|2] [--every 3]
 *
 * A diagnostic, not a benchmark: it times nothing.
 */
const { runFromSource } = await import('./support.js');
runFromSource();

const { DealDuplicateEngine, pairKey } = await import('@gongfu/reports');
const { arg, diagnosticData } = await import('./duplicates-diagnostic-data.js');
const { blockingKeys } = await import('../packages/reports/src/duplicates/blocking.js');
const { DealPreparer } = await import('../packages/reports/src/duplicates/prepared-deal.js');
const { measureDelivery, measureRegion } = await import('../packages/reports/src/duplicates/measures.js');
const { weighPair } = await import('../packages/reports/src/duplicates/score-pair.js');
const { uOf } = await import('../packages/reports/src/duplicates/weights.js');

const N = Number(arg('--n', '30000'));
const GEN = arg('--gen', '2');
const EVERY = Number(arg('--every', '3'));
const { DEFAULT_MAX_BLOCK: CAP } = await import('../packages/reports/src/duplicates/blocking.js');

const data = diagnosticData(N, GEN);
const { records, truth } = data;
const engine = new DealDuplicateEngine(records);
const weights = engine.weights();
const stats = engine.stats;
const preparer = new DealPreparer();
const prepared = records.map((r) => preparer.prepare(r));
const keysOf = prepared.map((p) => blockingKeys(p, engine.index.lsh));
const sizes = new Map<string, number>();
for (const keys of keysOf) for (const k of keys) sizes.set(k, (sizes.get(k) ?? 0) + 1);
const pairingKeys = keysOf.map((keys) => new Set(keys.filter((k) => (sizes.get(k) ?? 0) <= CAP)));

/** How a pair met: through a key fixing province and month, province only, or one fixing neither. */
type Met = 'free' | 'province' | 'province+month';
function metOf(i: number, j: number): Met {
  let province = false;
  let month = true;
  for (const k of pairingKeys[i] as Set<string>) {
    if (!(pairingKeys[j] as Set<string>).has(k)) continue;
    const kind = k.slice(0, 2);
    if (kind === 'pm' || (kind === 'rm' && !k.includes(':-:'))) province = true;
    else if (kind === 'pp') {
      province = true;
      month = false;
    } else return 'free';
  }
  return province ? (month ? 'province+month' : 'province') : 'free';
}

interface Tally {
  pairs: number;
  provinceKnown: number;
  sameProvince: number;
  regionWeight: number;
  deliveryKnown: number;
  withinWeek: number;
  withinMonth: number;
  deliveryWeight: number;
  /** Sum of the u of "same province" the score read (the province's share). */
  provinceU: number;
}
const blank = (): Tally => ({
  pairs: 0,
  provinceKnown: 0,
  sameProvince: 0,
  regionWeight: 0,
  deliveryKnown: 0,
  withinWeek: 0,
  withinMonth: 0,
  deliveryWeight: 0,
  provinceU: 0,
});
const tallies = new Map<Met, Tally>();
const bands = new Map<string, { pairs: number; truth: number }>();
let sampled = 0;
for (let i = 0; i < records.length; i += EVERY) {
  const x = prepared[i]!;
  for (const j of engine.index.candidatesOf(i)) {
    const y = prepared[j]!;
    const planted = truth.has(pairKey(x.record.id, y.record.id));
    if (x.record.accountId === y.record.accountId) continue;
    const met = metOf(i, j);
    sampled++;
    const score = weighPair(x, y, stats, Number.NEGATIVE_INFINITY);
    if (score >= -4) {
      const band = `${met} [${Math.floor(score / 2) * 2}, ${Math.floor(score / 2) * 2 + 2})`;
      const b = bands.get(band) ?? { pairs: 0, truth: 0 };
      b.pairs++;
      if (planted) b.truth++;
      bands.set(band, b);
    }
    if (planted) continue;
    const t = tallies.get(met) ?? blank();
    tallies.set(met, t);
    t.pairs++;
    if (x.record.province !== null && y.record.province !== null) {
      t.provinceKnown++;
      t.regionWeight += measureRegion(x, y, stats).weight;
      if (x.record.province === y.record.province) {
        t.sameProvince++;
        t.provinceU += stats.provinceShare(x.record.province);
      }
    }
    if (x.deliveryDay !== null && y.deliveryDay !== null) {
      t.deliveryKnown++;
      const days = Math.abs(x.deliveryDay - y.deliveryDay);
      if (days <= 7) t.withinWeek++;
      else if (days <= 30) t.withinMonth++;
      t.deliveryWeight += measureDelivery(x, y, stats).weight;
    }
  }
}
const f = (x: number) => x.toFixed(3);
const expectedWeek = uOf(weights, 'delivery.same_day') + uOf(weights, 'delivery.within_week');
console.log(
  `N=${N} generator ${GEN}: ${sampled} candidate pairs of two customers sampled (every ${EVERY}th deal's); partners per deal ${weights.partnersPerDeal}`,
);
console.log(
  `u the score reads: province same = the province's share (mean over same-province pairs below); delivery within a week ${f(expectedWeek)}, within a month ${f(uOf(weights, 'delivery.within_month'))}`,
);
console.log('');
console.log(
  '| met through | pairs (not planted) | same province | its share (u read) | mean region bits | within a week | within a month | mean delivery bits |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const met of ['free', 'province', 'province+month'] as Met[]) {
  const t = tallies.get(met);
  if (!t) continue;
  console.log(
    `| ${met} | ${t.pairs} | ${f(t.sameProvince / t.provinceKnown)} | ${f(t.provinceU / Math.max(1, t.sameProvince))} | ${(t.regionWeight / t.provinceKnown).toFixed(2)} | ${f(t.withinWeek / t.deliveryKnown)} | ${f(t.withinMonth / t.deliveryKnown)} | ${(t.deliveryWeight / t.deliveryKnown).toFixed(2)} |`,
  );
}
console.log('');
console.log('| met through, score band | pairs | true | true share | share the score says |');
console.log('|---|---:|---:|---:|---:|');
for (const [band, b] of [...bands].sort(([p], [q]) => p.localeCompare(q))) {
  const from = Number(band.slice(band.indexOf('[') + 1, band.indexOf(',')));
  const mid = 2 ** (from + 1);
  console.log(`| ${band} | ${b.pairs} | ${b.truth} | ${f(b.truth / b.pairs)} | ${f(mid / (1 + mid))} |`);
}

export {};
