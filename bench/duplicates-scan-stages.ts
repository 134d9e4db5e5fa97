/**
 * The full scan of `duplicates.bench.ts` cut into its stages, CPU seconds each (process.cpuUsage):
 * prepare + index (the engine's constructor), the estimate (`weights()`, kept-lines fit included),
 * the columns (`ScanColumns`), the candidate loop (screen, finish, weigh; how many pairs each
 * passes), and ranking with explanations (`scan` minus the rest). `--profile FILE` writes a CPU
 * profile (`FILE.<stage>.cpuprofile`) of each stage named by `--stage` (index,estimate,columns,loop,scan).
 *
 *   npx tsx bench/duplicates-scan-stages.ts --n 100000 --gen 2 [--profile /tmp/p --stage loop,columns]
 *
 * `--probe <file>` reads the deals instead from a probe tenant kept by `duplicates-probe.ts --cache
 * <file>` (a copy of it, read as the public scan reads them).
 */
const { runFromSource, argValue: arg } = await import('./support.js');
runFromSource();

const { writeFileSync } = await import('node:fs');
const { Session } = await import('node:inspector/promises');
const { DealDuplicateEngine } = await import('@gongfu/reports');
const { scanRecords } = await import('./duplicates-data-2.js');
const source = '../packages/reports/src/duplicates/';
const { ScanColumns } = await import(`${source}scan-columns.ts`);
const { reachOf, weighPair } = await import(`${source}score-pair.ts`);
type PreparedDeal = import('../packages/reports/src/duplicates/prepared-deal.js').PreparedDeal;
type DealRecord = import('@gongfu/reports').DealRecord;

const N = Number(arg('--n', '100000'));
const GEN = arg('--gen', '2');
const PROFILE = arg('--profile', '');
const STAGE = arg('--stage', 'loop');

const session = new Session();
session.connect();
async function timed<T>(name: string, run: () => T): Promise<T> {
  const profiling = PROFILE !== '' && STAGE.split(',').includes(name);
  if (profiling) {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
  }
  const cpu = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(cpu);
  if (profiling) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(`${PROFILE}.${name}.cpuprofile`, JSON.stringify(profile));
  }
  console.log(`${name.padEnd(10)} CPU ${((used.user + used.system) / 1e6).toFixed(2)} s`);
  return result;
}

const PROBE = arg('--probe', '');

/** The open deals of a kept probe tenant, as the public scan reads them (`loadOpenDeals`). */
async function probeRecords(file: string): Promise<DealRecord[]> {
  const { copyFileSync, mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { sqliteStorage } = await import('@gongfu/storage-sqlite');
  const { createCrm } = await import('@gongfu/core');
  const { loadOpenDeals } = await import(`${source}deal-records.ts`);
  const saved = JSON.parse(readFileSync(`${file}.json`, 'utf8'));
  // A copy: opening a tenant may write to it (migrations), and the kept one stays as loaded.
  const dir = mkdtempSync(join(tmpdir(), 'gongfu-stages-'));
  copyFileSync(file, join(dir, 'probe.db'));
  const storage = await sqliteStorage({ filename: join(dir, 'probe.db') });
  try {
    return await createCrm({ storage }).runAs(saved.admin, (ctx) => loadOpenDeals(ctx));
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const records = PROBE === '' ? scanRecords(GEN, N) : await probeRecords(PROBE);
console.log(`${records.length} deals`);
const engine = await timed('index', () => new DealDuplicateEngine(records));
await timed('estimate', () => engine.weights());
const deals = (engine as unknown as { deals: PreparedDeal[] }).deals;
const stats = engine.stats;
const columns = await timed('columns', () => new ScanColumns(deals, stats));
const counts = await timed('loop', () => {
  const reach = reachOf(0);
  let candidates = 0;
  let screened = 0;
  let finished = 0;
  let passing = 0;
  for (let i = 0; i < deals.length; i++) {
    const later = engine.index.laterCandidatesOf(i);
    candidates += later.length;
    columns.warm(later);
    const passed = columns.screen(i, later, reach);
    screened += passed;
    for (let k = 0; k < passed; k++) {
      if (!columns.finishes(i, k, reach)) continue;
      finished++;
      const j = columns.passedAt(k);
      if (weighPair(deals[i] as PreparedDeal, deals[j] as PreparedDeal, stats, 0) >= 0) passing++;
    }
  }
  return { candidates, screened, finished, passing };
});
console.log(counts);
await timed('scan', () => engine.scan({ minScore: 0 }));

export {};
