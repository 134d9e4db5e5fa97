/**
 * The bench's 100 checked planted pairs (`duplicates.bench.ts`, the same sample) that score below 0:
 * each with its kind, score, signals, both baskets and how many lines each side leaves unmatched;
 * then, per signal, the mean weight of those missed against the found ones of their kind. A
 * diagnostic for issue 14 (the check must find the planted partner 100 of 100); times nothing.
 *
 *   npx tsx bench/duplicates-check-sample.ts [--n 100000] [--gen 1|2]
 */
const { runFromSource } = await import('./support.js');
runFromSource(
  process.argv.includes('--n') && Number(process.argv[process.argv.indexOf('--n') + 1]) > 500_000
    ? 20_000
    : undefined,
);
const { DealDuplicateEngine, explain } = await import('@gongfu/reports');
const { arg, diagnosticData } = await import('./duplicates-diagnostic-data.js');

const N = Number(arg('--n', '100000'));
const GEN = arg('--gen', '2');
const { records, truth } = diagnosticData(N, GEN);
const engine = new DealDuplicateEngine(records);
const byId = new Map(records.map((r) => [r.id, r]));
const keys = [...truth.keys()];
const step = Math.max(1, Math.floor(keys.length / 100));
const basket = (id: string) =>
  byId
    .get(id)!
    .lines.map((l) => `${l.quantity}×${l.sku}`)
    .join(' ');
const sums = new Map<string, { missed: number[]; found: number[] }>();
let missed = 0;
for (const key of keys.filter((_, i) => i % step === 0).slice(0, 100)) {
  const [a, b] = key.split('\u0000') as [string, string];
  const kind = truth.get(key)!;
  const s = engine.score(a, b);
  const below = s.score < 0;
  for (const sig of s.signals) {
    const k = `${kind} ${sig.name}`;
    const row = sums.get(k) ?? { missed: [], found: [] };
    (below ? row.missed : row.found).push(sig.weight);
    sums.set(k, row);
  }
  if (!below) continue;
  missed++;
  const ra = byId.get(a)!;
  const rb = byId.get(b)!;
  console.log(
    `- ${kind} score ${s.score.toFixed(2)} | ${s.signals
      .filter((x) => x.weight !== 0)
      .map((x) => `${x.name}:${x.level} ${x.weight.toFixed(2)}`)
      .join(', ')}`,
  );
  console.log(
    `  a ${a} ${ra.accountName} ${ra.accountKind} ${ra.requiredDelivery} ${ra.amountMinor} [${basket(a)}]`,
  );
  console.log(
    `  b ${b} ${rb.accountName} ${rb.accountKind} ${rb.requiredDelivery} ${rb.amountMinor} [${basket(b)}]`,
  );
  console.log(`  "${explain(s.signals)}"`);
}
console.log(
  `\n${missed} of 100 below 0\n\n| kind signal | missed: n, mean | found: n, mean |\n|---|---:|---:|`,
);
const mean = (x: number[]) => (x.length ? x.reduce((p, q) => p + q, 0) / x.length : Number.NaN);
for (const [k, v] of [...sums].sort())
  console.log(
    `| ${k} | ${v.missed.length}, ${mean(v.missed).toFixed(2)} | ${v.found.length}, ${mean(v.found).toFixed(2)} |`,
  );

export {};
