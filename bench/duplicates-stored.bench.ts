/**
 * The incremental duplicate check against stored blocking keys, at scale: generated deals are
 * bulk-imported into a SQLite file through the tenant import (not command by command), the keys are
 * built once, then `checkDealForDuplicates` is timed for an admin and for a scoped sales rep.
 *
 *   npx tsx bench/duplicates-stored.bench.ts [--n 100000|1000000] [--cache-mib 1024] [--keep]
 *
 * `--cache-mib` gives the connection that much SQLite page cache (default: SQLite's 2 MiB); the
 * app owns that setting (it may open the connection itself and hand it to `sqliteStorage`).
 * `--keep` leaves the database file behind (its path is printed) for poking at with sqlite3.
 */
const { runFromSource } = await import('./support.js');
// The import checks the whole file before writing it, so every row is held at once: at 1M deals
// that is past Node's default heap limit.
runFromSource(12_288);

const { mkdtempSync, rmSync, statSync } = await import('node:fs');
const { tmpdir, cpus } = await import('node:os');
const { join } = await import('node:path');
const { createCrm, createTenantAdmin } = await import('@gongfu/core');
const { sqliteStorage } = await import('@gongfu/storage-sqlite');
const { default: Database } = await import('better-sqlite3');
const { allDuplicateDeals, checkDealForDuplicates, DealDuplicateEngine, refreshDedupeIndex } = await import(
  '@gongfu/reports'
);
const { loadOpenDeals } = await import('../packages/reports/src/duplicates/deal-records.js');
const { generate } = await import('./duplicates-data.js');
const { exportLines, templates } = await import('./deal-export-lines.js');

const argN = process.argv.indexOf('--n');
const N = argN > 0 ? Number(process.argv[argN + 1]) : 100_000;
const KEEP = process.argv.includes('--keep');
const argCache = process.argv.indexOf('--cache-mib');
const CACHE_MIB = argCache > 0 ? Number(process.argv[argCache + 1]) : null;
const TENANT = 'bench';
const REPS = 60;

let peakRss = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const sampler = setInterval(sample, 50);
// Wall and CPU time per stage: the machine is shared, and CPU time (user + system) says what a
// stage costs when the wall clock also counts waiting for a core.
const stages: [name: string, wallMs: number, cpuMs: number][] = [];
async function stage<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const out = await fn();
  const used = process.cpuUsage(cpu);
  stages.push([name, performance.now() - t, (used.user + used.system) / 1000]);
  sample();
  // Progress on stderr: a 1M run takes the better part of an hour.
  console.error(`${new Date().toISOString()} ${name}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return out;
}

/** The storage on `file`, through a connection with the page cache asked for. */
function openStorage(file: string) {
  const database = new Database(file);
  if (CACHE_MIB !== null) database.pragma(`cache_size = -${Math.round(CACHE_MIB * 1024)}`);
  return sqliteStorage({ database });
}

const ms = (xs: number[]) => {
  const sorted = [...xs].sort((x, y) => x - y);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: q(1), count: sorted.length };
};

const spread = <T>(xs: readonly T[], count: number) => {
  const step = Math.max(1, Math.floor(xs.length / count));
  return xs.filter((_, i) => i % step === 0).slice(0, count);
};

/** Generates and imports the deals; returns only what the checks need, so the records can go. */
async function seed(file: string) {
  const { records, truth } = await stage('generate', () => generate(N));
  const template = await templates();
  const storage = await openStorage(file);
  // Closing checkpoints the WAL into the database file: part of what the import costs.
  await stage('import (tenant export lines → SQLite)', async () => {
    await createTenantAdmin(storage).import(exportLines(records, template, TENANT, REPS));
    await storage.close();
  });
  return {
    ids: records.map((r) => r.id),
    repIds: records.filter((r) => r.ownerId === 'rep1').map((r) => r.id),
    // Planted duplicates (truth keys are `a\u0000b`): the check of one side should find the other.
    planted: spread([...truth.keys()], 100).map((k) => k.split('\u0000') as [string, string]),
    plantedPairs: truth.size,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'gongfu-stored-bench-'));
const file = join(dir, 'crm.db');
const { ids: allIds, repIds, planted, plantedPairs } = await seed(file);
const storage = await openStorage(file);
const crm = createCrm({ storage, tenant: TENANT });
// Nothing else writes here, so the build takes pages of 500 with no gap left for other writers
// (the defaults, 25 deals and a 25 ms gap, would add some 1,000 s of gaps alone at 1M).
const keyed = await stage('key build (refreshDedupeIndex, all deals)', () =>
  refreshDedupeIndex(crm, { pageSize: 500, pauseMs: 0 }),
);
if (keyed !== N) throw new Error(`keyed ${keyed} deals of ${N}`);

/** Times the check of each id as `actor`; counts the partners returned. */
async function timeChecks(actor: string, ids: readonly string[]) {
  const times: number[] = [];
  let partners = 0;
  const found = new Map<string, Set<string>>();
  for (const id of ids) {
    const t = performance.now();
    const pairs = await checkDealForDuplicates(crm, actor, id, { limit: 10 });
    times.push(performance.now() - t);
    partners += pairs.length;
    found.set(id, new Set(pairs.map((p) => (p.a.id === id ? p.b.id : p.a.id))));
  }
  sample();
  return { ...ms(times), partners, found };
}

const admin = await stage('checks as admin (spread)', () => timeChecks('admin', spread(allIds, 200)));
const adminPlanted = await stage('checks as admin (planted)', () =>
  timeChecks(
    'admin',
    planted.map(([a]) => a),
  ),
);
// The same deals again: their pages are now in SQLite's and the OS's caches, as in a running app.
const adminWarm = await stage('checks as admin (spread, again)', () =>
  timeChecks('admin', spread(allIds, 200)),
);
const plantedFound = planted.filter(([a, b]) => adminPlanted.found.get(a)?.has(b)).length;
const rep = await stage('checks as rep1 (own deals)', () => timeChecks('rep1', spread(repIds, 200)));

/**
 * Does the stored check find what the full scan finds? The scan's pairs at or above 0 (admin, whole
 * tenant) against the check's (no limit) for the planted deals and the spread ones; and why a
 * planted partner is missing from a check limited to 10: not a candidate of the scan either (no
 * shared block within the cap), scored below 0 by both, or ranked below the first 10.
 */
const agreement = await stage('scan vs stored check (agreement)', async () => {
  const partnersOf = new Map<string, Map<string, number>>();
  for await (const p of allDuplicateDeals(crm, 'admin', { minScore: 0 })) {
    for (const [x, y] of [
      [p.a.id, p.b.id],
      [p.b.id, p.a.id],
    ] as const) {
      const m = partnersOf.get(x) ?? new Map<string, number>();
      m.set(y, p.score);
      partnersOf.set(x, m);
    }
  }
  const checked = [...new Set([...planted.map(([a]) => a), ...spread(allIds, 200)])];
  let agree = 0;
  let scanPartners = 0;
  let missing = 0;
  for (const id of checked) {
    const fromCheck = new Map(
      (await checkDealForDuplicates(crm, 'admin', id, { limit: 10_000 })).map((p) => [
        p.a.id === id ? p.b.id : p.a.id,
        p.score,
      ]),
    );
    const fromScan = partnersOf.get(id) ?? new Map<string, number>();
    scanPartners += fromScan.size;
    let all = true;
    for (const [other, score] of fromScan) {
      if (fromCheck.get(other) !== score) {
        all = false;
        missing++;
      }
    }
    if (all) agree++;
  }
  const deals = await crm.runAs('admin', (ctx) => loadOpenDeals(ctx));
  const engine = new DealDuplicateEngine(deals);
  const ordinal = new Map(deals.map((d, i) => [d.id, i]));
  const why = { notCandidates: 0, belowZero: 0, belowTop10: 0, scanOnly: 0 };
  for (const [a, b] of planted) {
    if (adminPlanted.found.get(a)?.has(b)) continue;
    if (!engine.index.candidatesOf(ordinal.get(a) ?? -1).has(ordinal.get(b) ?? -1)) why.notCandidates++;
    else if (!partnersOf.get(a)?.has(b)) why.belowZero++;
    else why.belowTop10++;
  }
  const scanPlanted = planted.filter(([a, b]) => partnersOf.get(a)?.has(b)).length;
  return { checked: checked.length, agree, scanPartners, missing, why, scanPlanted };
});

// After an edit, the next check first re-keys what changed (the edited deal).
const afterEdit: number[] = [];
for (const id of spread(allIds, 5)) {
  await crm.opportunities.update('admin', id, { requiredDelivery: '2027-01-15' });
  const t = performance.now();
  await checkDealForDuplicates(crm, 'admin', id, { limit: 10 });
  afterEdit.push(performance.now() - t);
}
const edit = ms(afterEdit);
clearInterval(sampler);
sample();
const dbBytes = statSync(file).size;
await storage.close();
if (KEEP) console.log(`database kept at ${file}`);
else rmSync(dir, { recursive: true, force: true });

const f1 = (x: number) => x.toFixed(1);
const out: string[] = [];
out.push(
  `stored-keys check bench: N=${N.toLocaleString('en-US')} opportunities, ${plantedPairs} planted duplicate pairs, SQLite file (page cache ${CACHE_MIB === null ? 'default 2' : CACHE_MIB} MiB), Node ${process.version}, ${cpus().length} cores`,
);
out.push('');
out.push('| stage | wall s | CPU s |');
out.push('|---|---:|---:|');
for (const [name, wall, cpu] of stages)
  out.push(`| ${name} | ${(wall / 1000).toFixed(1)} | ${(cpu / 1000).toFixed(1)} |`);
out.push('');
out.push('| checkDealForDuplicates | checks | p50 ms | p95 ms | p99 ms | max ms | partners returned |');
out.push('|---|---:|---:|---:|---:|---:|---:|');
const row = (name: string, r: ReturnType<typeof ms> & { partners?: number }) =>
  out.push(
    `| ${name} | ${r.count} | ${f1(r.p50)} | ${f1(r.p95)} | ${f1(r.p99)} | ${f1(r.max)} | ${r.partners ?? '—'} |`,
  );
row('admin, deals spread over the stored ones', admin);
row('admin, the same deals again (warm caches)', adminWarm);
row('admin, one side of a planted duplicate', adminPlanted);
row(`rep1 (scoped: owns ${repIds.length.toLocaleString('en-US')} deals), own deals`, rep);
row('admin, first check after an edit', edit);
out.push('');
out.push(
  `planted duplicates: the other side found in ${plantedFound} of ${planted.length} checks; database file ${(dbBytes / 2 ** 20).toFixed(0)} MiB (WAL not counted); peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
);
out.push(
  `scan vs stored check: for ${agreement.checked} checked deals the check (no limit) returned every one of the scan's ${agreement.scanPartners} partners at or above 0 with the same score in ${agreement.agree} (${agreement.missing} partner(s) missing or scored otherwise); the scan itself pairs ${agreement.scanPlanted} of ${planted.length} planted pairs at or above 0`,
);
out.push(
  `planted partners not in the first 10 of the check: ${agreement.why.notCandidates} share no block within the cap (the scan misses them too), ${agreement.why.belowZero} score below 0 (scan and check alike), ${agreement.why.belowTop10} rank below the check's first 10`,
);
console.log(out.join('\n'));

export {};
