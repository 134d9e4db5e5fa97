/**
 * Where the stored-key check's time goes, per check: CPU, the statements it runs (by text) with the
 * rows they return, and a CPU profile of the checks (self time by function). The tenant is
 * generated and imported as in `duplicates-stored.bench.ts`, or reused from a file it kept.
 *
 *   npx tsx bench/duplicates-check-profile.ts [--n 10000] [--gen 1|2] [--checks 100] [--pg] [--db FILE|SCHEMA] [--keep] [--plain] [--ab] [--cold] [--ids a,b]
 *
 * `--pg`: the tenant lives in a schema of the PostgreSQL at `GONGFU_PG_URL` (statements are tallied
 * on SQLite only). `--db` reuses a tenant this script or `duplicates-stored.bench.ts` kept (`--keep`
 * prints its file or schema): keys and weights are already stored there. `--plain` leaves the profiler off (CPU per check without its overhead).
 */
const { runFromSource, startProfiler } = await import('./support.js');
runFromSource(4096);

const { createCrm, createTenantAdmin } = await import('@gongfu/core');
const { checkDealForDuplicates, reestimateDuplicateWeights, refreshDedupeIndex } = await import(
  '@gongfu/reports'
);
const { generate } = await import('./duplicates-data.js');
const { generate2 } = await import('./duplicates-data-2.js');
const { exportLines, templates } = await import('./deal-export-lines.js');
const { hookStatements } = await import('./statement-hook.js');
const { profileTimes } = await import('./cpu-profile-times.js');
const { openCheckTarget } = await import('./duplicates-check-target.js');
const { blockCacheOf } = await import('../packages/reports/src/duplicates/block-cache.js');

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const N = Number(arg('--n') ?? 10_000);
const GEN = arg('--gen') ?? '2';
const CHECKS = Number(arg('--checks') ?? 100);
const PLAIN = process.argv.includes('--plain');
const TENANT = 'bench';

const target = await openCheckTarget({
  pg: process.argv.includes('--pg'),
  reuse: arg('--db'),
  cacheMib: 256,
});
let ids: string[];
if (target.reused) ids = await target.ids();
else {
  const { records } = GEN === '2' ? generate2(N) : generate(N);
  const storage = await target.open();
  await createTenantAdmin(storage).import(exportLines(records, await templates(), TENANT, 60));
  await storage.close();
  ids = records.map((r) => r.id);
}
const storage = await target.open();
const crm = createCrm({ storage, tenant: TENANT });
if (!target.reused) {
  await refreshDedupeIndex(crm, { pageSize: 500, pauseMs: 0 });
  await reestimateDuplicateWeights(crm);
  if (process.argv.includes('--keep')) console.log(`${target.engine} tenant kept at ${target.where}`);
}

const step = Math.max(1, Math.floor(ids.length / CHECKS));
// `--ids a,b`: only these deals, each checked CHECKS / their number times (a dear check looked at alone).
const only = arg('--ids')?.split(',');
const checked =
  only === undefined
    ? ids.filter((_, i) => i % step === 0).slice(0, CHECKS)
    : Array.from({ length: CHECKS }, (_, i) => only[i % only.length]!);
// Warm: statements prepared, the weights read once, pages cached.
for (const id of checked.slice(0, 5)) await checkDealForDuplicates(crm, 'admin', id, { limit: 10 });

interface Tally {
  calls: number;
  rows: number;
  us: number;
}
const byStatement = new Map<string, Tally>();
let tracing = false;
hookStatements((source, _method, result, us) => {
  if (!tracing) return;
  const key = source
    .replace(/\s+/g, ' ')
    .replace(/\?(, \?)+/g, '?…')
    .slice(0, 140);
  const t = byStatement.get(key) ?? { calls: 0, rows: 0, us: 0 };
  t.calls++;
  t.rows += Array.isArray(result) ? result.length : result === undefined ? 0 : 1;
  t.us += us;
  byStatement.set(key, t);
});

/** CPU ms of one check of `id` through `service`. */
async function cpuOfCheck(service: typeof crm, id: string): Promise<number> {
  const cpu = process.cpuUsage();
  await checkDealForDuplicates(service, 'admin', id, { limit: 10 });
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1000;
}

/** mean / p50 / p95 / p99 / max of CPU ms per check. */
function figures(xs: readonly number[]): string {
  const sorted = [...xs].sort((x, y) => x - y);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return `mean ${mean.toFixed(1)} / p50 ${q(0.5).toFixed(1)} / p95 ${q(0.95).toFixed(1)} / p99 ${q(0.99).toFixed(1)} / max ${q(1).toFixed(1)}`;
}

/**
 * `--ab`: each deal is checked twice, by a service whose held blocks and deals (`BlockCache`) are
 * dropped before every check — the check as it was before it held anything — and by the service
 * holding what all the checks before read; which goes first alternates deal by deal (the first warms
 * SQLite's pages for the second). The two services share the connection and the decoded weights'
 * stamp, not their caches.
 */
const AB = process.argv.includes('--ab');
const COLD = process.argv.includes('--cold');
const coldStorage = { ...storage };
const cold = createCrm({ storage: coldStorage, tenant: TENANT });
const coldCache = blockCacheOf(coldStorage, TENANT);
const coldCpu: number[] = [];
if (AB) for (const id of checked.slice(0, 5)) await checkDealForDuplicates(cold, 'admin', id, { limit: 10 });

const session = PLAIN ? undefined : await startProfiler();
const cpuPerCheck: number[] = [];
tracing = true;
for (const [i, id] of checked.entries()) {
  if (AB && i % 2 === 0) {
    coldCache.clear();
    coldCpu.push(await cpuOfCheck(cold, id));
  }
  // `--cold`: every check as the first (nothing held), to look at one dear check again and again.
  if (COLD) blockCacheOf(storage, TENANT).clear();
  cpuPerCheck.push(await cpuOfCheck(crm, id));
  if (AB && i % 2 === 1) {
    coldCache.clear();
    coldCpu.push(await cpuOfCheck(cold, id));
  }
}
tracing = false;
console.log(
  `generator ${GEN}, N=${ids.length}, ${target.engine}, ${checked.length} checks as admin: CPU ms per check ${figures(cpuPerCheck)}${PLAIN ? '' : ' (profiler on)'}`,
);
if (AB) console.log(`  the same deals, nothing held before each check: CPU ms per check ${figures(coldCpu)}`);
// The dearest checks by name: a deal whose blocks are big, or one paying for a pause (GC, a refresh).
const dearest = checked
  .map((id, i) => [id, cpuPerCheck[i]!, i] as const)
  .sort((x, y) => y[1] - x[1])
  .slice(0, 3);
console.log(
  `dearest checks: ${dearest.map(([id, ms, i]) => `${id} (#${i}) ${ms.toFixed(1)} ms`).join(', ')}`,
);
console.log('statements per check (calls, rows returned, wall µs), by text:');
for (const [k, t] of [...byStatement].sort((a, b) => b[1].us - a[1].us).slice(0, 20))
  console.log(
    `  ${(t.calls / checked.length).toFixed(1).padStart(7)} × ${(t.rows / checked.length).toFixed(0).padStart(7)} rows ${(t.us / checked.length).toFixed(0).padStart(8)} µs  ${k}`,
  );

if (session !== undefined) {
  const { profile } = await session.post('Profiler.stop');
  const { self, inclusive, busy: all } = profileTimes(profile);
  console.log('self time by function (busy samples):');
  for (const [k, c] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${((100 * c) / all).toFixed(1).padStart(5)}%  ${k}`);
  console.log('inclusive time by function (busy samples; async continuations start new stacks):');
  for (const [k, c] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 40))
    console.log(`${((100 * c) / all).toFixed(1).padStart(5)}%  ${k}`);
}
await storage.close();
await target.close(process.argv.includes('--keep'));

export {};
