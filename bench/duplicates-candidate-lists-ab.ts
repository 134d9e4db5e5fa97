/**
 * The estimate's candidate lists, old and new alternated in one process on one engine: the kept-lines
 * sample's pairs through `keptCopySwapped` listed from a `Set` per deal (`candidatesOf`, as before
 * h-fast11) against `candidateList` with the line-count column, and `meanCandidates`' 2,000 deals both ways.
 * CPU seconds per round; the counts must agree.
 *
 *   npx tsx bench/duplicates-candidate-lists-ab.ts --gen 2 [--n 100000] [--rounds 4]
 */
const { runFromSource, argValue: arg } = await import('./support.js');
runFromSource();

const { DealDuplicateEngine } = await import('@gongfu/reports');
const { scanRecords } = await import('./duplicates-data-2.js');
const source = '../packages/reports/src/duplicates/';
const { keptCopySwapped } = await import(`${source}basket.ts`);
type PreparedDeal = import('../packages/reports/src/duplicates/prepared-deal.js').PreparedDeal;

const N = Number(arg('--n', '100000'));
const ROUNDS = Number(arg('--rounds', '4'));
const engine = new DealDuplicateEngine(scanRecords(arg('--gen', '2'), N));
engine.weights();
const deals = (engine as unknown as { deals: PreparedDeal[] }).deals;
const stats = engine.stats;
const n = deals.length;
const stride = Math.ceil(n / 5000);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function sampleOld(): number {
  let kept = 0;
  for (let i = 0; i < n; i += stride)
    for (const j of engine.index.candidatesOf(i)) {
      if (j % stride === 0 && j < i) continue;
      if (keptCopySwapped(deals[i] as PreparedDeal, deals[j] as PreparedDeal, stats) >= 0) kept++;
    }
  return kept;
}

function sampleNew(): number {
  const lines = Int32Array.from(deals, (d) => d.items.length);
  let kept = 0;
  for (let i = 0; i < n; i += stride)
    for (const j of engine.index.candidateList(i)) {
      if (j % stride === 0 && j < i) continue;
      const size = lines[i] as number;
      if (size < 2 || size !== lines[j]) continue;
      if (keptCopySwapped(deals[i] as PreparedDeal, deals[j] as PreparedDeal, stats) >= 0) kept++;
    }
  return kept;
}

const meanOld = () => {
  let total = 0;
  for (let k = 0; k < 2000; k++) total += engine.index.candidatesOf(Math.floor((k * n) / 2000)).size;
  return total;
};
const meanNew = () => {
  let total = 0;
  for (let k = 0; k < 2000; k++) total += engine.index.candidateList(Math.floor((k * n) / 2000)).length;
  return total;
};

const versions = { old: [sampleOld, meanOld], new: [sampleNew, meanNew] } as const;
for (let round = 0; round < ROUNDS; round++)
  for (const name of round % 2 === 0 ? (['old', 'new'] as const) : (['new', 'old'] as const)) {
    const [sample, mean] = versions[name];
    const start = cpu();
    const kept = sample();
    const middle = cpu();
    const listed = mean();
    const end = cpu();
    console.log(
      `round ${round} ${name}: kept-lines sample ${(middle - start).toFixed(3)} s (${kept} kept), mean ${(end - middle).toFixed(3)} s (${listed})`,
    );
  }

export {};
