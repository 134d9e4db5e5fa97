/**
 * The scan's candidate loop with two versions of `ScanColumns` alternated in one process, on one
 * engine (same deals, index and weights): CPU seconds per round, time in garbage collection, and an
 * order hash over every pair that reaches the floor (ordinals and score), so a speed change to the
 * columns is shown to pass exactly the pairs it passed before.
 *
 *   git show <base>:packages/reports/src/duplicates/scan-columns.ts > packages/reports/src/duplicates/scan-columns.base.ts
 *   npx tsx bench/duplicates-scan-ab.ts --n 100000 --gen 2 --rounds 3 [--base ./scan-columns.base.ts]
 *
 * Without a base copy it times the current columns alone.
 */
const { runFromSource, abHeading, alternatedRuns, argValue: arg } = await import('./support.js');
runFromSource();

const { existsSync } = await import('node:fs');
const { fileURLToPath } = await import('node:url');
const { PerformanceObserver } = await import('node:perf_hooks');
const { DealDuplicateEngine } = await import('@gongfu/reports');
const { scanRecords } = await import('./duplicates-data-2.js');
const source = '../packages/reports/src/duplicates/';
const { ScanColumns } = await import(`${source}scan-columns.ts`);
const { reachOf, weighPair } = await import(`${source}score-pair.ts`);
type PreparedDeal = import('../packages/reports/src/duplicates/prepared-deal.js').PreparedDeal;

const N = Number(arg('--n', '100000'));
const GEN = arg('--gen', '2');
const ROUNDS = Number(arg('--rounds', '3'));
const basePath = arg('--base', './scan-columns.base.ts');
const baseFile = fileURLToPath(new URL(`${source}${basePath.replace(/^\.\//, '')}`, import.meta.url));
const Base = existsSync(baseFile) ? (await import(baseFile)).ScanColumns : null;

const engine = new DealDuplicateEngine(scanRecords(GEN, N));
engine.weights();
const deals = (engine as unknown as { deals: PreparedDeal[] }).deals;
const stats = engine.stats;

let gcMs = 0;
/** Of `gcMs`, the mark-compact (major) collections. */
let majorMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcMs += e.duration;
    if ((e as { detail?: { kind?: number } }).detail?.kind === 4) majorMs += e.duration;
  }
}).observe({ entryTypes: ['gc'] });

type Columns = {
  reaches(i: number, j: number, reach: number): boolean;
  warm?(later: Int32Array): void;
  screen?(i: number, later: Int32Array, reach: number): number;
  finishes?(i: number, k: number, reach: number): boolean;
  passedAt?(k: number): number;
};

async function loop(make: () => Columns) {
  const cpu = process.cpuUsage();
  const gc0 = gcMs;
  const major0 = majorMs;
  const columns = make();
  const reach = reachOf(0);
  let hash = 0;
  let passing = 0;
  let candidates = 0;
  for (let i = 0; i < deals.length; i++) {
    const later = engine.index.laterCandidatesOf(i);
    candidates += later.length;
    // As the engine's loop does (a base copy older than `warm` goes without).
    columns.warm?.(later);
    const take = (j: number) => {
      const score = weighPair(deals[i] as PreparedDeal, deals[j] as PreparedDeal, stats, 0);
      if (score < 0) return;
      passing++;
      hash = (Math.imul(hash, 31) + i * 7919 + j + Math.round(score * 1000)) | 0;
    };
    // The engine's loop shape when the columns have it; an older copy pair by pair, in a plain loop
    // too (a generator or a shared call site here slowed the copy it served, not the code measured).
    if (columns.screen && columns.finishes && columns.passedAt) {
      const passed = columns.screen(i, later, reach);
      for (let k = 0; k < passed; k++) if (columns.finishes(i, k, reach)) take(columns.passedAt(k));
    } else {
      for (let k = 0; k < later.length; k++)
        if (columns.reaches(i, later[k] as number, reach)) take(later[k] as number);
    }
  }
  const used = process.cpuUsage(cpu);
  // GC entries arrive after the loop yields.
  await new Promise((resolve) => setTimeout(resolve, 10));
  return {
    cpu: (used.user + used.system) / 1e6,
    gc: (gcMs - gc0) / 1000,
    major: (majorMs - major0) / 1000,
    passing,
    candidates,
    hash,
  };
}

console.log(abHeading(GEN, N, Base ? baseFile : null));
console.log('| round | version | CPU s | GC s (major) | candidates | passing | order hash |');
console.log('|---|---|---:|---:|---:|---:|---|');
for (const { round, version } of alternatedRuns(ROUNDS, Base !== null)) {
  const Made = version === 'base' ? Base : ScanColumns;
  const r = await loop(() => new Made(deals, stats));
  console.log(
    `| ${round} | ${version} | ${r.cpu.toFixed(2)} | ${r.gc.toFixed(2)} (${r.major.toFixed(2)}) | ${r.candidates} | ${r.passing} | ${r.hash} |`,
  );
}

export {};
