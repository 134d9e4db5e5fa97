/**
 * Every candidate pair scoring at least `--floor` (before the competition between a deal's
 * proposals, `competing-partners.ts`) as one JSON line, for replaying a reading offline before it is
 * built: [ordinal a, ordinal b, score, planted kind or '', one account (1/0), deals of a's account,
 * of b's, signals {name: [level, weight]} from `--signals-from` up (else null), one owner (1/0)].
 * The planted pairs go to `<out>.truth.json` as [ordinal a, ordinal b, kind]. A diagnostic; times nothing.
 *
 *   npx tsx bench/duplicates-pair-dump.ts --n 100000 --gen 2 [--floor -8] [--signals-from -6] --out F
 */
const { runFromSource } = await import('./support.js');
runFromSource();
const { DealDuplicateEngine, pairKey } = await import('@gongfu/reports');
const { arg, diagnosticData } = await import('./duplicates-diagnostic-data.js');
const { writeFileSync } = await import('node:fs');

const N = Number(arg('--n', '100000'));
const GEN = arg('--gen', '2');
const FLOOR = Number(arg('--floor', '-8'));
const SIGNALS_FROM = Number(arg('--signals-from', 'Infinity'));
const OUT = arg('--out', 'pairs.jsonl');

const { records, truth } = diagnosticData(N, GEN);
const engine = new DealDuplicateEngine(records);
engine.weights();
const ordinal = new Map(records.map((r, i) => [r.id, i]));
const rows: string[] = [];
engine.visitCandidates(FLOOR, (x, y) => {
  const [a, b] = [x.record, y.record];
  const scored = engine.score(a.id, b.id);
  if (scored.score < FLOOR) return;
  const signals =
    scored.score >= SIGNALS_FROM
      ? Object.fromEntries(scored.signals.map((g) => [g.name, [g.level, Math.round(g.weight * 100) / 100]]))
      : null;
  rows.push(
    JSON.stringify([
      ordinal.get(a.id),
      ordinal.get(b.id),
      scored.score,
      truth.get(pairKey(a.id, b.id)) ?? '',
      a.accountId === b.accountId ? 1 : 0,
      engine.stats.accountCount(a.accountId),
      engine.stats.accountCount(b.accountId),
      signals,
      a.ownerId === b.ownerId ? 1 : 0,
    ]),
  );
});
const planted = [...truth].map(([key, kind]) => {
  const [a, b] = key.split('\u0000') as [string, string];
  return [ordinal.get(a), ordinal.get(b), kind];
});
writeFileSync(OUT, `${rows.join('\n')}\n`);
writeFileSync(`${OUT}.truth.json`, JSON.stringify(planted));
console.log(`${rows.length} pairs at or above ${FLOOR}, ${planted.length} planted, in ${OUT}`);

export {};
