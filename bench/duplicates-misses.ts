/**
 * Why planted duplicates are missed and which false pairs rank highest, on either generator:
 * each missed planted pair by kind and cause — never compared (no shared block), compared but
 * scored below 0, or found by the scan but ranked out of the check's first 10 — with its score,
 * signals and explanation; then the false pairs ranked highest (above the story pair first).
 *
 *   npx tsx bench/duplicates-misses.ts [--n 30000] [--gen 1|2] [--false 20] [--show 15] [--json FILE]
 *
 * A diagnostic, not a benchmark: it times nothing.
 */
const { runFromSource } = await import('./support.js');
runFromSource();

const { DealDuplicateEngine, pairKey } = await import('@gongfu/reports');
const { arg, diagnosticData } = await import('./duplicates-diagnostic-data.js');
type Signal = import('@gongfu/reports').Signal;

const N = Number(arg('--n', '30000'));
const GEN = arg('--gen', '2');
const FALSE_SHOWN = Number(arg('--false', '20'));
const SHOWN = Number(arg('--show', '15'));
const JSON_OUT = arg('--json', '');

const data = diagnosticData(N, GEN);
const { records, truth } = data;
const engine = new DealDuplicateEngine(records);
const report = engine.scan({ minScore: 0, limit: Number.MAX_SAFE_INTEGER });
const ordinal = new Map(records.map((r, i) => [r.id, i]));
const byId = new Map(records.map((r) => [r.id, r]));
const rankOf = new Map(report.pairs.map((p, i) => [pairKey(p.a.id, p.b.id), i + 1]));
const storyRank = rankOf.get(pairKey('story-a', 'story-b')) ?? Number.POSITIVE_INFINITY;

const signalsIn = (signals: readonly Signal[]) =>
  signals
    .filter((s) => s.weight !== 0)
    .map((s) => `${s.name}:${s.level} ${s.weight > 0 ? '+' : ''}${s.weight.toFixed(2)}`)
    .join(', ');
const sideOf = (id: string) => {
  const r = byId.get(id)!;
  const deals = engine.stats.accountCount(r.accountId);
  return `${id} ${r.accountName} (${r.accountKind}, ${deals} deals of the account) ${r.province ?? '?'} ${r.requiredDelivery ?? '?'} [${r.lines.map((l) => `${l.quantity}×${l.sku}`).join(' ')}]`;
};

interface Miss {
  kind: string;
  cause: 'never compared' | 'scored below 0' | 'ranked out of the check';
  a: string;
  b: string;
  score: number | null;
  signals: string;
  explanation: string;
}
const misses: Miss[] = [];
for (const [key, kind] of truth) {
  const [a, b] = key.split('\u0000') as [string, string];
  const compared = engine.index.candidatesOf(ordinal.get(a)!).has(ordinal.get(b)!);
  const scored = rankOf.has(key);
  let cause: Miss['cause'] | null = null;
  if (!compared) cause = 'never compared';
  else if (!scored) cause = 'scored below 0';
  else {
    const top = engine.check(byId.get(a)!, { limit: 10 });
    if (!top.some((p) => p.a.id === b || p.b.id === b)) cause = 'ranked out of the check';
  }
  if (cause === null) continue;
  const s = engine.score(a, b);
  const { explain } = await import('@gongfu/reports');
  misses.push({
    kind,
    cause,
    a,
    b,
    score: s.score,
    signals: signalsIn(s.signals),
    explanation: explain(s.signals),
  });
}

const out: string[] = [];
const say = (s: string) => out.push(s);
say(
  `N=${N} generator ${GEN}: ${truth.size} planted, ${report.pairs.length} proposed, story pair rank ${storyRank}`,
);
say(`partners per deal ${engine.stats.weights.partnersPerDeal}`);
const kinds = [...new Set(truth.values())];
say('');
say('| kind | planted | never compared | scored below 0 | ranked out of the check (limit 10) |');
say('|---|---:|---:|---:|---:|');
for (const kind of kinds) {
  const of = misses.filter((m) => m.kind === kind);
  const planted = [...truth.values()].filter((k) => k === kind).length;
  const n = (c: Miss['cause']) => of.filter((m) => m.cause === c).length;
  say(
    `| ${kind} | ${planted} | ${n('never compared')} | ${n('scored below 0')} | ${n('ranked out of the check')} |`,
  );
}
for (const kind of kinds)
  for (const cause of ['never compared', 'scored below 0', 'ranked out of the check'] as const) {
    const of = misses
      .filter((m) => m.kind === kind && m.cause === cause)
      .sort((p, q) => (q.score ?? 0) - (p.score ?? 0));
    if (of.length === 0) continue;
    say('');
    say(`## ${kind}, ${cause}: ${of.length}`);
    for (const m of of.slice(0, SHOWN)) {
      say(`- score ${m.score?.toFixed(2)} | ${m.signals}`);
      say(`  a: ${sideOf(m.a)}`);
      say(`  b: ${sideOf(m.b)}`);
      say(`  "${m.explanation}"`);
    }
  }
say('');
const falses = report.pairs
  .map((p, i) => ({ p, rank: i + 1 }))
  .filter(({ p }) => !truth.has(pairKey(p.a.id, p.b.id)));
say(
  `## false pairs: ${falses.length} proposed, ${falses.filter((f) => f.rank < storyRank).length} above the story pair`,
);
for (const { p, rank } of falses.slice(0, FALSE_SHOWN)) {
  say(`- rank ${rank} score ${p.score.toFixed(2)}${p.copy ? ' (copy)' : ''} | ${signalsIn(p.signals)}`);
  say(`  a: ${sideOf(p.a.id)}`);
  say(`  b: ${sideOf(p.b.id)}`);
  say(`  "${p.explanation.text}"`);
}
const decoysProposed = report.pairs
  .map((p, i) => ({ p, rank: i + 1 }))
  .filter(({ p }) => data.decoys.has(pairKey(p.a.id, p.b.id)));
say('');
say(`## hard non-duplicates proposed: ${decoysProposed.length} of ${data.decoys.size}`);
for (const { p, rank } of decoysProposed) {
  say(`- rank ${rank} score ${p.score.toFixed(2)} | ${signalsIn(p.signals)}`);
  say(`  a: ${sideOf(p.a.id)}`);
  say(`  b: ${sideOf(p.b.id)}`);
  say(`  "${p.explanation.text}"`);
}
// Calibration: a score is log2 of the posterior odds, so pairs near score s should be true about
// 2^s / (1 + 2^s) of the time; a systematic gap is a prior (or a weight) off by that many bits.
const low = engine.scan({ minScore: -8, limit: Number.MAX_SAFE_INTEGER });
say('');
say('| score bin | candidate pairs | true | true share | share the score says |');
say('|---|---:|---:|---:|---:|');
const groupOf = (p: (typeof low.pairs)[number]) => {
  const c = p.signals.find((s) => s.name === 'customer');
  return c?.level === 'same_account'
    ? 'same account'
    : c && c.weight > 0
      ? 'one customer (keys, names)'
      : 'other customers';
};
for (const group of ['all', 'same account', 'one customer (keys, names)', 'other customers'])
  for (let from = -8; from < 12; from += 2) {
    const inBin = low.pairs.filter(
      (p) => p.score >= from && p.score < from + 2 && (group === 'all' || groupOf(p) === group),
    );
    if (from === -8) say(`| **${group}** | | | | |`);
    const t = inBin.filter((p) => truth.has(pairKey(p.a.id, p.b.id))).length;
    const mid = 2 ** (from + 1);
    say(
      `| [${from}, ${from + 2}) | ${inBin.length} | ${t} | ${(t / Math.max(1, inBin.length)).toFixed(3)} | ${(mid / (1 + mid)).toFixed(3)} |`,
    );
  }
console.log(out.join('\n'));
if (JSON_OUT) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    JSON_OUT,
    JSON.stringify({
      misses,
      falses: falses.map(({ p, rank }) => ({
        rank,
        a: p.a.id,
        b: p.b.id,
        score: p.score,
        signals: signalsIn(p.signals),
      })),
    }),
  );
}

export {};
