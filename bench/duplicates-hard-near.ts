/**
 * Planted pairs against the false candidates near the line, on either generator: every candidate
 * pair scoring at least `--floor` is weighed with its signals and counted by score bin (planted hard,
 * other planted, false) — how many true and false pairs a lower or higher line would take — and by
 * profile (the levels of basket, region, delivery and amount), so the u of a whole profile among
 * the tenant's candidate pairs can be set against the sum of its terms: whether the terms of a hard
 * pair are independent among false pairs, or counted twice. A diagnostic for issue 14; times nothing.
 *
 *   npx tsx bench/duplicates-hard-near.ts [--n 300000] [--gen 1|2] [--floor -10] [--profiles 25]
 */
const { runFromSource } = await import('./support.js');
runFromSource(
  process.argv.includes('--n') && Number(process.argv[process.argv.indexOf('--n') + 1]) > 500_000
    ? 20_000
    : undefined,
);
const { DealDuplicateEngine, pairKey } = await import('@gongfu/reports');
type DealRecord = import('@gongfu/reports').DealRecord;
const { arg, diagnosticData } = await import('./duplicates-diagnostic-data.js');
const { compareBaskets } = await import('../packages/reports/src/duplicates/basket.js');

const N = Number(arg('--n', '300000'));
const GEN = arg('--gen', '1');
const FLOOR = Number(arg('--floor', '-10'));
const PROFILES = Number(arg('--profiles', '25'));
// `--dump FILE --dump-from S`: every pair scoring at least S as one JSON line (class, score, each
// signal's weight, the lines both hold, of them with equal quantities, each side's line count).
const DUMP = arg('--dump', '');
const DUMP_FROM = Number(arg('--dump-from', '-4'));
const dumped: string[] = [];
const LO = -10;
const HI = 10;

const { records, truth } = diagnosticData(N, GEN);
const engine = new DealDuplicateEngine(records);
const w = engine.weights();

type Cls = 'hard' | 'true' | 'false';
const classes: readonly Cls[] = ['hard', 'true', 'false'];
const bins = new Map<Cls, number[]>(classes.map((c) => [c, new Array(HI - LO + 1).fill(0)]));
interface Row {
  count: Record<Cls, number>;
  sum: Record<Cls, number>;
  terms: Record<Cls, Map<string, number>>;
}
const profiles = new Map<string, Row>();
const seen = new Set<string>();
const levelOf = (signals: readonly { name: string; level: string }[], name: string) =>
  signals.find((s) => s.name === name)?.level ?? '-';

// The kind of planted pair each deal belongs to: a false pair touching one counts against that
// kind's precision in `duplicates.bench.ts` (`quality`).
const memberKind = new Map<string, string>();
for (const [k, kind] of truth) for (const id of k.split('\u0000')) memberKind.set(id, kind);

const candidatePairs = engine.visitCandidates(FLOOR, (x, y) => {
  const key = pairKey(x.record.id, y.record.id);
  const kind = truth.get(key);
  const cls: Cls = kind === undefined ? 'false' : kind === 'hard' ? 'hard' : 'true';
  if (kind !== undefined) seen.add(key);
  const s = engine.score(x.record.id, y.record.id);
  const bin = Math.min(HI, Math.max(LO, Math.floor(s.score))) - LO;
  const binned = bins.get(cls) as number[];
  binned[bin] = (binned[bin] as number) + 1;
  const profile = ['basket', 'region', 'delivery', 'amount', 'customer', 'customer_kind']
    .map((n) => levelOf(s.signals, n))
    .join('|');
  if (DUMP !== '' && s.score >= DUMP_FROM) {
    const [la, lb] = [x.record.lines, y.record.lines];
    const shared = la.filter((l) => lb.some((m) => m.sku === l.sku));
    const equal = la.filter((l) => lb.some((m) => m.sku === l.sku && m.quantity === l.quantity));
    dumped.push(
      JSON.stringify({
        cls,
        score: s.score,
        w: Object.fromEntries(s.signals.map((g) => [g.name, Math.round(g.weight * 100) / 100])),
        lv: Object.fromEntries(s.signals.map((g) => [g.name, g.level])),
        shared: shared.length,
        equal: equal.length,
        touch: [memberKind.get(x.record.id), memberKind.get(y.record.id)].filter((k) => k !== undefined),
        na: la.length,
        nb: lb.length,
        ...(() => {
          const c = compareBaskets(x, y, engine.stats);
          return { ua: c.unmatchedA, ub: c.unmatchedB, matched: c.matched.length };
        })(),
      }),
    );
  }
  let row = profiles.get(profile);
  if (!row) {
    const zero = () => ({ hard: 0, true: 0, false: 0 });
    row = {
      count: zero(),
      sum: zero(),
      terms: { hard: new Map(), true: new Map(), false: new Map() },
    };
    profiles.set(profile, row);
  }
  row.count[cls]++;
  row.sum[cls] += s.score;
  for (const sig of s.signals) {
    const t = row.terms[cls];
    t.set(sig.name, (t.get(sig.name) ?? 0) + sig.weight);
  }
});

const planted = { hard: 0, true: 0 };
for (const k of truth.values()) planted[k === 'hard' ? 'hard' : 'true']++;
const hardSeen = [...seen].filter((k) => truth.get(k) === 'hard').length;
console.log(
  JSON.stringify({
    n: N,
    gen: GEN,
    floor: FLOOR,
    candidatePairs,
    partnersPerDeal: w.partnersPerDeal,
    plantedHard: planted.hard,
    plantedOther: planted.true,
    hardAboveFloor: hardSeen,
  }),
);
console.log('\nscore bin | hard | other true | false | hard at or above | false at or above');
let hardAbove = 0;
let falseAbove = 0;
const rowsOut: string[] = [];
for (let b = HI - LO; b >= 0; b--) {
  const h = (bins.get('hard') as number[])[b] as number;
  const t = (bins.get('true') as number[])[b] as number;
  const f = (bins.get('false') as number[])[b] as number;
  hardAbove += h;
  falseAbove += f;
  const label = b === 0 ? `< ${LO + 1}` : b === HI - LO ? `>= ${HI}` : `[${b + LO}, ${b + LO + 1})`;
  rowsOut.push(`${label.padEnd(9)} | ${h} | ${t} | ${f} | ${hardAbove} | ${falseAbove}`);
}
console.log(rowsOut.join('\n'));

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '-');
console.log(
  `\nprofile (basket|region|delivery|amount|customer|kind) | hard | other | false | mean score hard / false | mean terms hard (basket, region, delivery, amount) | false (same)`,
);
const ranked = [...profiles].sort((p, q) => q[1].count.hard - p[1].count.hard).slice(0, PROFILES);
const termsOf = (row: Row, cls: Cls) =>
  ['basket', 'region', 'delivery', 'amount']
    .map((n) => fmt((row.terms[cls].get(n) ?? 0) / row.count[cls]))
    .join(', ');
for (const [profile, row] of ranked)
  console.log(
    `${profile} | ${row.count.hard} | ${row.count.true} | ${row.count.false} | ${fmt(row.sum.hard / row.count.hard)} / ${fmt(row.sum.false / row.count.false)} | ${termsOf(row, 'hard')} | ${row.count.false > 0 ? termsOf(row, 'false') : '-'}`,
  );

// The check's sample (`duplicates.bench.ts`: one side of every step-th planted pair, 100 of them):
// each pair's score, or that it is never compared, so "found of 100" can be read at any line.
const keys = [...truth.keys()];
const step = Math.max(1, Math.floor(keys.length / 100));
const ordinal = new Map(records.map((r, i) => [r.id, i]));
const byId = new Map(records.map((r) => [r.id, r]));
const sampled: string[] = [];
for (const key of keys.filter((_, i) => i % step === 0).slice(0, 100)) {
  const [a, b] = key.split('\u0000') as [string, string];
  if (!engine.index.candidatesOf(ordinal.get(a) as number).has(ordinal.get(b) as number)) {
    sampled.push(`${truth.get(key)} never compared`);
    console.log(
      `\nnever compared (${truth.get(key)}): ${JSON.stringify(byId.get(a))}\n  ${JSON.stringify(byId.get(b))}`,
    );
    continue;
  }
  // Where the partner ranks among every candidate of the checked deal, whatever its score: a check
  // that listed a deal's first 10 candidates would find it when this is 10 or less.
  const ranked = engine.check(byId.get(a) as DealRecord, { minScore: -1000, limit: 10 });
  const at = ranked.findIndex((p) => p.a.id === b || p.b.id === b);
  sampled.push(`${truth.get(key)} ${engine.score(a, b).score.toFixed(2)} #${at < 0 ? '>10' : at + 1}`);
}
console.log(`\ncheck sample (kind score): ${sampled.join('; ')}`);
if (DUMP !== '') (await import('node:fs')).writeFileSync(DUMP, `${dumped.join('\n')}\n`);

export {};
