/**
 * The incremental duplicate check against stored blocking keys, at scale: generated deals are
 * bulk-imported into a SQLite file through the tenant import (not command by command), the keys are
 * built once, then `checkDealForDuplicates` is timed for an admin and for a scoped sales rep.
 *
 *   npx tsx bench/duplicates-stored.bench.ts [--n 100000|1000000] [--cache-mib 1024] [--gen 1|2] [--pg] [--keep] [--db FILE|SCHEMA] [--no-scan]
 *
 * `--gen 2` generates the deals with the second generator (`duplicates-data-2.ts`, evaluation only;
 * default: the first).
 * `--cache-mib` gives the connection that much SQLite page cache (default: SQLite's 2 MiB); the
 * app owns that setting (it may open the connection itself and hand it to `sqliteStorage`).
 * `--keep` leaves the database file behind (its path is printed) for poking at with sqlite3.
 * `--db FILE` reuses a tenant kept by this bench or by `duplicates-check-profile.ts` with the same
 * `--n` and `--gen` (keys and weights already stored there): the deals are generated again only for
 * their truth, and import, key build and estimate are skipped. The file is kept.
 * `--pg`: the tenant lives in a schema of the PostgreSQL at `GONGFU_PG_URL` (`--db SCHEMA` reuses a
 * kept one). The bench exits with status 1 when the stored check's partners of any checked deal
 * differ from the scan's (or, with `--no-scan`, the in-memory check's).
 */
const { runFromSource } = await import('./support.js');
// The import checks the whole file before writing it, so every row is held at once: at 1M deals
// that is past Node's default heap limit.
runFromSource(12_288);

const { statSync } = await import('node:fs');
const { cpus } = await import('node:os');
const { createCrm, createTenantAdmin } = await import('@gongfu/core');
const { openCheckTarget } = await import('./duplicates-check-target.js');
const {
  allDuplicateDeals,
  checkDealForDuplicates,
  DealDuplicateEngine,
  reestimateDuplicateWeights,
  refreshDuplicateWeights,
  refreshDedupeIndex,
} = await import('@gongfu/reports');
const { loadOpenDeals } = await import('../packages/reports/src/duplicates/deal-records.js');
const { generate } = await import('./duplicates-data.js');
const { generate2 } = await import('./duplicates-data-2.js');
const { exportLines, templates } = await import('./deal-export-lines.js');

const argN = process.argv.indexOf('--n');
const N = argN > 0 ? Number(process.argv[argN + 1]) : 100_000;
const KEEP = process.argv.includes('--keep');
const NO_SCAN = process.argv.includes('--no-scan');
const argCache = process.argv.indexOf('--cache-mib');
const CACHE_MIB = argCache > 0 ? Number(process.argv[argCache + 1]) : null;
const argGen = process.argv.indexOf('--gen');
const GEN = argGen > 0 ? process.argv[argGen + 1] : '1';
const argDb = process.argv.indexOf('--db');
const REUSE = argDb > 0 ? process.argv[argDb + 1] : undefined;
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

const target = await openCheckTarget({
  pg: process.argv.includes('--pg'),
  reuse: REUSE,
  cacheMib: CACHE_MIB,
});

const ms = (xs: number[]) => {
  const sorted = [...xs].sort((x, y) => x - y);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: q(1), count: sorted.length };
};
const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

const spread = <T>(xs: readonly T[], count: number) => {
  const step = Math.max(1, Math.floor(xs.length / count));
  return xs.filter((_, i) => i % step === 0).slice(0, count);
};

/** Generates and imports the deals; returns only what the checks need, so the records can go. */
async function seed() {
  const { records, truth } = await stage('generate', () => (GEN === '2' ? generate2(N) : generate(N)));
  if (REUSE === undefined) {
    const template = await templates();
    const storage = await target.open();
    // Closing checkpoints the WAL into the database file: part of what the import costs.
    await stage(`import (tenant export lines → ${target.engine})`, async () => {
      await createTenantAdmin(storage).import(exportLines(records, template, TENANT, REPS));
      await storage.close();
    });
  }
  return {
    ids: records.map((r) => r.id),
    repIds: records.filter((r) => r.ownerId === 'rep1').map((r) => r.id),
    // Planted duplicates (truth keys are `a\u0000b`): the check of one side should find the other.
    planted: spread([...truth.keys()], 100).map((k) => k.split('\u0000') as [string, string]),
    // The kind of each planted pair (same customer, story, hard), to say which kinds a check misses.
    kindOf: new Map([...truth].map(([k, kind]) => [k, kind as string])),
    plantedPairs: truth.size,
  };
}

const { ids: allIds, repIds, planted, plantedPairs, kindOf } = await seed();
const storage = await target.open();
const crm = createCrm({ storage, tenant: TENANT });
// Nothing else writes here, so the build takes pages of 500 with no gap left for other writers
// (the defaults, 25 deals and a 25 ms gap, would add some 1,000 s of gaps alone at 1M).
if (REUSE !== undefined) {
  // A kept tenant may need re-keying (a migration since, such as 0133's comparison rows, forgets the
  // sources): done here, or the first timed check would do it.
  await stage('key refresh of the kept tenant (refreshDedupeIndex)', () =>
    refreshDedupeIndex(crm, { pageSize: 500, pauseMs: 0 }),
  );
} else {
  const keyed = await stage('key build (refreshDedupeIndex, all deals)', () =>
    refreshDedupeIndex(crm, { pageSize: 500, pauseMs: 0 }),
  );
  if (keyed !== N) throw new Error(`keyed ${keyed} deals of ${N}`);
  // The tenant's weights, estimated once after the import (as an app would): otherwise the first
  // check makes them, and its time (the whole tenant read and indexed) lands in the latencies.
  await stage('weights estimate (reestimateDuplicateWeights)', () => reestimateDuplicateWeights(crm));
}

/** Times the check of each id as `actor`; counts the partners returned. */
async function timeChecks(actor: string, ids: readonly string[]) {
  const times: number[] = [];
  // CPU per check too (user + system): the wall clock on a shared machine counts waiting for a core.
  const cpuTimes: number[] = [];
  let partners = 0;
  const found = new Map<string, Set<string>>();
  for (const id of ids) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const pairs = await checkDealForDuplicates(crm, actor, id, { limit: 10 });
    const used = process.cpuUsage(cpu);
    times.push(performance.now() - t);
    cpuTimes.push((used.user + used.system) / 1000);
    partners += pairs.length;
    found.set(id, new Set(pairs.map((p) => (p.a.id === id ? p.b.id : p.a.id))));
  }
  sample();
  return { ...ms(times), partners, found, cpu: { ...ms(cpuTimes), mean: mean(cpuTimes) } };
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
// The latencies at once: what follows reads the whole tenant again and takes minutes at 1M.
for (const [name, r] of [
  ['admin spread', admin],
  ['admin again', adminWarm],
  ['admin planted', adminPlanted],
  ['rep1', rep],
] as const)
  console.error(
    `${name}: p50 ${r.p50.toFixed(1)} / p95 ${r.p95.toFixed(1)} / p99 ${r.p99.toFixed(1)} / max ${r.max.toFixed(1)} ms`,
  );
console.error(`planted partner found by the stored check (limit 10): ${plantedFound} of ${planted.length}`);

/** Each checked deal's partners at or above 0 and their scores, as one path finds them. */
type PartnersOf = Map<string, Map<string, number>>;
const partnerOf = (id: string, p: { a: { id: string }; b: { id: string } }) =>
  p.a.id === id ? p.b.id : p.a.id;

const checked = [...new Set([...planted.map(([a]) => a), ...spread(allIds, 200)])];
const fromStored = await stage('stored check of the checked deals, no limit', async () => {
  const partners: PartnersOf = new Map();
  for (const id of checked) {
    const pairs = await checkDealForDuplicates(crm, 'admin', id, { limit: 10_000 });
    partners.set(id, new Map(pairs.map((p) => [partnerOf(id, p), p.score])));
  }
  return partners;
});

// The whole tenant in memory, weighed with the tenant's stored estimate (as the admin's scan is):
// its index says whether a missed pair shares a block within the cap, and its check reads the
// blocks the scan reads (`DealDuplicateEngine.check`), without scoring every pair of the tenant.
const { deals, engine } = await stage('in-memory engine of the tenant (stored weights)', async () => {
  const weights = await refreshDuplicateWeights(crm, { maxAgeMs: Number.POSITIVE_INFINITY });
  const deals = await crm.runAs('admin', (ctx) => loadOpenDeals(ctx));
  return { deals, engine: new DealDuplicateEngine(deals, { weights }) };
});

/**
 * What the stored check is held against: the full scan through the service (its pairs at or above
 * 0 for the checked deals), or with `--no-scan` (a 1M scan costs minutes of CPU) the in-memory
 * check of each deal, which reads the same blocks under the same cap as the scan.
 */
const reference = await stage(
  NO_SCAN ? 'in-memory check of the checked deals' : 'full scan (service)',
  async () => {
    const partners: PartnersOf = new Map(checked.map((id) => [id, new Map<string, number>()]));
    if (NO_SCAN) {
      const byId = new Map(deals.map((d) => [d.id, d]));
      for (const id of checked)
        for (const p of engine.check(byId.get(id)!, { limit: Number.MAX_SAFE_INTEGER }))
          partners.get(id)!.set(partnerOf(id, p), p.score);
      return partners;
    }
    for await (const p of allDuplicateDeals(crm, 'admin', { minScore: 0 })) {
      partners.get(p.a.id)?.set(p.b.id, p.score);
      partners.get(p.b.id)?.set(p.a.id, p.score);
    }
    return partners;
  },
);

/**
 * Does the stored check find what the scan finds? For each checked deal: the same partners, each
 * at the same score, none missing and none extra. And why a planted partner is missing from the
 * check limited to 10: no shared block within the cap (the scan misses it too), scored below 0 (by
 * the scan too), or ranked below the check's first 10.
 */
const agreement = (() => {
  let agree = 0;
  let scanPartners = 0;
  let missing = 0;
  let extra = 0;
  for (const id of checked) {
    const mine = fromStored.get(id)!;
    const theirs = reference.get(id)!;
    scanPartners += theirs.size;
    const lost = [...theirs].filter(([other, score]) => mine.get(other) !== score).length;
    const added = [...mine.keys()].filter((other) => !theirs.has(other)).length;
    missing += lost;
    extra += added;
    if (lost === 0 && added === 0) agree++;
  }
  const ordinal = new Map(deals.map((d, i) => [d.id, i]));
  const why = { notCandidates: 0, belowZero: 0, belowTop10: 0 };
  const missed: string[] = [];
  for (const [a, b] of planted) {
    if (adminPlanted.found.get(a)?.has(b)) continue;
    const shareBlock = engine.index.candidatesOf(ordinal.get(a) ?? -1).has(ordinal.get(b) ?? -1);
    const score = engine.score(a, b).score;
    if (!shareBlock) why.notCandidates++;
    else if (!reference.get(a)!.has(b)) why.belowZero++;
    else why.belowTop10++;
    const kind = kindOf.get(`${a}\u0000${b}`) ?? kindOf.get(`${b}\u0000${a}`) ?? '?';
    missed.push(
      `${a} ~ ${b} (${kind}): ${shareBlock ? 'shares a block' : 'no block within the cap'}, score ${score.toFixed(2)}`,
    );
  }
  const scanPlanted = planted.filter(([a, b]) => reference.get(a)!.has(b)).length;
  return { agree, scanPartners, missing, extra, why, scanPlanted, missed };
})();

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
const dbBytes = target.engine === 'SQLite' ? statSync(target.where).size : Number.NaN;
await storage.close();
if (KEEP || REUSE !== undefined) console.log(`${target.engine} tenant kept at ${target.where}`);
await target.close(KEEP);

const f1 = (x: number) => x.toFixed(1);
const out: string[] = [];
out.push(
  `stored-keys check bench: N=${N.toLocaleString('en-US')} opportunities (generator ${GEN}), ${plantedPairs} planted duplicate pairs, ${target.engine === 'SQLite' ? `SQLite file (page cache ${CACHE_MIB === null ? 'default 2' : CACHE_MIB} MiB)` : `PostgreSQL schema ${target.where}`}, Node ${process.version}, ${cpus().length} cores`,
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
out.push('| checkDealForDuplicates, CPU ms per check | checks | mean | p50 | p95 | p99 | max |');
out.push('|---|---:|---:|---:|---:|---:|---:|');
for (const [name, r] of [
  ['admin, deals spread over the stored ones', admin],
  ['admin, the same deals again (warm caches)', adminWarm],
  ['admin, one side of a planted duplicate', adminPlanted],
  ['rep1, own deals', rep],
] as const)
  out.push(
    `| ${name} | ${r.cpu.count} | ${f1(r.cpu.mean)} | ${f1(r.cpu.p50)} | ${f1(r.cpu.p95)} | ${f1(r.cpu.p99)} | ${f1(r.cpu.max)} |`,
  );
out.push('');
out.push(
  `planted duplicates: the other side found in ${plantedFound} of ${planted.length} checks; ${Number.isNaN(dbBytes) ? 'PostgreSQL' : `database file ${(dbBytes / 2 ** 20).toFixed(0)} MiB (WAL not counted)`}; peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
);
out.push(
  `${NO_SCAN ? 'in-memory check' : 'scan'} vs stored check: for ${checked.length} checked deals the stored check (no limit) returned exactly the ${agreement.scanPartners} partners at or above 0 of the ${NO_SCAN ? 'in-memory check (same blocks and cap as the scan)' : 'full scan'}, each with the same score, in ${agreement.agree} (${agreement.missing} partner(s) missing or scored otherwise, ${agreement.extra} extra); the ${NO_SCAN ? 'in-memory check' : 'scan'} itself pairs ${agreement.scanPlanted} of ${planted.length} planted pairs at or above 0, and the stored check finds ${plantedFound} of those ${agreement.scanPlanted}`,
);
out.push(
  `planted partners not in the first 10 of the check: ${agreement.why.notCandidates} share no block within the cap (the scan misses them too), ${agreement.why.belowZero} score below 0 (scan and check alike), ${agreement.why.belowTop10} rank below the check's first 10`,
);
for (const line of agreement.missed) out.push(`- missed: ${line}`);
console.log(out.join('\n'));
// The check must find what the scan finds: any difference fails the run.
if (agreement.agree !== checked.length) {
  console.error(`stored check disagrees with the reference on ${checked.length - agreement.agree} deal(s)`);
  process.exitCode = 1;
}

export {};
