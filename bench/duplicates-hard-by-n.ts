/**
 * The planted pairs of one kind scored under each size's own weights: how many fall below 0 and
 * which signals move with N (mean weight per signal level, and how often it fires), plus the
 * N-dependent figures of the weights; below 0 counted under the prior used and under the earlier
 * rule (half a bit per doubling of N above 10,000), the scores otherwise the same. A diagnostic for
 * issue 14 (hard pairs at 1M); times nothing.
 *
 *   npx tsx bench/duplicates-hard-by-n.ts [--gen 1|2] [--sizes 100000,300000] [--kind hard] [--sample 2000]
 */
const { runFromSource } = await import('./support.js');
runFromSource();
const { DealDuplicateEngine, PRIOR_WEIGHT, priorWeight } = await import('@gongfu/reports');
const { arg, diagnosticData } = await import('./duplicates-diagnostic-data.js');

const gen = arg('--gen', '1');
const kind = arg('--kind', 'hard');
const sample = Number(arg('--sample', '2000'));
for (const n of arg('--sizes', '100000,300000').split(',').map(Number)) {
  const { records, truth } = diagnosticData(n, gen);
  const engine = new DealDuplicateEngine(records);
  const w = engine.weights();
  const pairs = [...truth].filter(([, k]) => k === kind).slice(0, sample);
  const bySignal = new Map<string, { count: number; sum: number }>();
  const scores: number[] = [];
  for (const [key] of pairs) {
    const [a, b] = key.split('\u0000') as [string, string];
    const s = engine.score(a, b);
    scores.push(s.score);
    for (const sig of s.signals) {
      const name = `${sig.name}:${sig.level}`;
      const e = bySignal.get(name) ?? { count: 0, sum: 0 };
      e.count++;
      e.sum += sig.weight;
      bySignal.set(name, e);
    }
  }
  scores.sort((x, y) => x - y);
  const prior = priorWeight(n, w);
  const byN = PRIOR_WEIGHT - 0.5 * Math.max(0, Math.log2(n / 10_000));
  const q = (p: number) => scores[Math.floor(p * (scores.length - 1))]?.toFixed(2);
  console.log(
    JSON.stringify({
      n,
      kind,
      pairs: scores.length,
      prior,
      below0: scores.filter((s) => s < 0).length,
      priorByN: byN,
      below0ByN: scores.filter((s) => s - prior + byN < 0).length,
      quartiles: [q(0.1), q(0.25), q(0.5), q(0.75)],
      partnersPerDeal: w.partnersPerDeal,
      candidatePairs: w.candidatePairs,
      deals: w.deals,
      lambda: w.lambda,
      candidateU: w.candidateU,
      kitRepeats: w.kitRepeats ? Object.keys(w.kitRepeats) : undefined,
    }),
  );
  const rows = [...bySignal].sort((x, y) => x[0].localeCompare(y[0]));
  for (const [name, e] of rows)
    console.log(
      `  ${name.padEnd(40)} fires ${(e.count / scores.length).toFixed(3)} mean ${(e.sum / e.count).toFixed(3)}`,
    );
}

export {};
