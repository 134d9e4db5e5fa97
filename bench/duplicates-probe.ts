/**
 * The duplicate detector from the user's chair: a tenant of its own (`duplicates-probe-data.ts`, an
 * automation and instrumentation distributor) entered through the public commands, the public scan
 * walked page by page through its cursor, and the result scored against the planted pairs.
 *
 *   npx tsx bench/duplicates-probe.ts [--n 2000|10000|30000] [--file] [--examples 10]
 *
 * `--page` sets the pairs per page (default 1,000; each page is one call and one scan). `--below B`
 * reads the pairs under 0 down to B by band (what a lower threshold would add, planted and false).
 * With `--keep` the scanned copy of a `--cache` tenant is kept (its path is printed), to read
 * the weights stored in it (`dedupe_weights`).
 * `--file` keeps the tenant in a temporary SQLite file instead of memory; `--cache <file>` keeps the
 * loaded tenant for later runs (see `cachedProbe`). Nothing here tunes or
 * reaches into the engine: only `@gongfu/core`, `@gongfu/storage-sqlite` and `@gongfu/reports`.
 */
const { runFromSource, quality } = await import('./support.js');
runFromSource();

const { checkDealForDuplicates, findDuplicateDealsPage } = await import('@gongfu/reports');
const { plan } = await import('./duplicates-probe-data.js');
const { loadProbe } = await import('./duplicates-probe-load.js');
type DealDuplicate = import('@gongfu/reports').DealDuplicate;
type PlannedDeal = import('./duplicates-probe-data.js').PlannedDeal;

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const N = Number(arg('--n') ?? 2000);
const EXAMPLES = Number(arg('--examples') ?? 10);
/** Pairs per page of the scan: each page is one call, as a UI reading the queue would make. */
const PAGE = Number(arg('--page') ?? 1000);
/** `--signals`: each missed pair's signal weights and the prior they were added to, for finding a cause. */
const SIGNALS = process.argv.includes('--signals');
/** `--no-check`: the missed pairs are not asked of the incremental check (minutes at 100k: it first keys every deal). */
const CHECK = !process.argv.includes('--no-check');
/**
 * `--below B` (bits, negative): the scan reads down to B, and pairs under 0 are not counted as
 * proposed but tallied by band — planted of each kind against false — to see what a shift of the
 * threshold, or of the weights, would win and cost.
 */
const BELOW = Number(arg('--below') ?? 0);
const os = await import('node:os');
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const count = (x: number) => x.toLocaleString('en-US');
const fmt = (x: number) => x.toFixed(3);
const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/**
 * `--cache <file>`: the tenant as loaded through the commands is kept in `<file>` (SQLite, before any
 * scan, so no weights are stored in it) with its ids in `<file>.json`; a later run with the same
 * `--n` copies it instead of loading again (minutes under load). Each run scans a fresh copy, so
 * weights are estimated by the code under test. The load time printed is then the copy's.
 */
const CACHE = arg('--cache');
async function cachedProbe(cache: string): Promise<import('./duplicates-probe-load.js').LoadedProbe> {
  const fs = await import('node:fs');
  const { join } = await import('node:path');
  const dir = fs.mkdtempSync(join(os.tmpdir(), 'gongfu-dup-probe-'));
  const file = join(dir, 'probe.db');
  if (!fs.existsSync(`${cache}.json`)) {
    const fresh = await loadProbe(world, cache);
    await fresh.close();
    fs.writeFileSync(`${cache}.json`, JSON.stringify({ n: N, admin: fresh.admin, idOf: [...fresh.idOf] }));
  }
  const saved = JSON.parse(fs.readFileSync(`${cache}.json`, 'utf8'));
  if (saved.n !== N) throw new Error(`${cache} holds --n ${saved.n}, not ${N}`);
  fs.copyFileSync(cache, file);
  const { sqliteStorage } = await import('@gongfu/storage-sqlite');
  const { createCrm } = await import('@gongfu/core');
  const storage = await sqliteStorage({ filename: file });
  let next = 0;
  const crm = createCrm({ storage, ids: { next: (prefix) => `${prefix}_c${++next}` }, locale: 'zh-CN' });
  const idOf = new Map<string, string>(saved.idOf);
  return {
    crm,
    admin: saved.admin,
    idOf,
    keyOf: new Map([...idOf].map(([k, id]) => [id, k])),
    close: async () => {
      await storage.close();
      if (process.argv.includes('--keep')) console.error(`kept ${file}`);
      else fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const loadAtStart = load();
const world = plan(N);
let filename = ':memory:';
let cleanup = () => {};
if (process.argv.includes('--file')) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(os.tmpdir(), 'gongfu-dup-probe-'));
  filename = join(dir, 'probe.db');
  cleanup = () => rmSync(dir, { recursive: true, force: true });
}
const t0 = performance.now();
const probe = CACHE ? await cachedProbe(CACHE) : await loadProbe(world, filename);
const loadSeconds = (performance.now() - t0) / 1000;
const { crm, admin, idOf, keyOf } = probe;

// The whole result, page by page through the cursor, as an app would read it.
const t1 = performance.now();
const cpu = process.cpuUsage();
const ranked: DealDuplicate[] = [];
/** Pairs scored in [BELOW, 0): not proposed, read by band (`--below`). */
const underZero: DealDuplicate[] = [];
let pages = 0;
/** Wall seconds of each page's call: the first scores the tenant, later ones may reuse that scan. */
const pageSeconds: number[] = [];
let cursor: string | undefined;
do {
  const pageStart = performance.now();
  const page = await findDuplicateDealsPage(crm, admin, {
    limit: PAGE,
    ...(BELOW < 0 ? { minScore: BELOW } : {}),
    ...(cursor ? { cursor } : {}),
  });
  pageSeconds.push((performance.now() - pageStart) / 1000);
  for (const pair of page.pairs) (pair.score >= 0 ? ranked : underZero).push(pair);
  pages++;
  cursor = page.nextCursor ?? undefined;
} while (cursor);
const scanSeconds = (performance.now() - t1) / 1000;
const scanCpu = process.cpuUsage(cpu);

const dealByKey = new Map(world.deals.map((d) => [d.key, d]));
const accountByKey = new Map(world.accounts.map((a) => [a.key, a]));
const truth = new Map(world.planted.map((p) => [key(p.a, p.b), p]));
const planKeys = (p: DealDuplicate) => [keyOf.get(p.a.id) as string, keyOf.get(p.b.id) as string] as const;
const rankedKeys = ranked.map((p) => key(...planKeys(p)));
const predicted = new Map(rankedKeys.map((k, i) => [k, i]));
const kinds = ['same_customer', 'story', 'hard'] as const;
const plantedOf = (kind: string) => world.planted.filter((p) => p.kind === kind).map((p) => key(p.a, p.b));

const storyKey = key(world.story.a, world.story.b);
const storyAt = predicted.get(storyKey) ?? -1;
const above = storyAt < 0 ? rankedKeys : rankedKeys.slice(0, storyAt);
const falseAbove = above.filter((k) => !truth.has(k)).length;
const top20 = rankedKeys.slice(0, 20);
const p20 = top20.filter((k) => truth.has(k)).length / Math.max(1, top20.length);

/** What kind of mistake a false pair is, read from the plan (not from the engine). */
function whyFalse(a: PlannedDeal, b: PlannedDeal): string {
  const skus = (d: PlannedDeal) =>
    d.lines
      .map((l) => l.sku)
      .sort()
      .join('+');
  const sameBasket = skus(a) === skus(b);
  if (a.accountKey === b.accountKey)
    return sameBasket ? 'one customer ordering the same basket again' : 'one customer, two different orders';
  const both = (word: string) => a.name.includes(word) && b.name.includes(word);
  if (both('标准套装'))
    return sameBasket
      ? 'two customers buying one standard kit'
      : 'two customers buying sibling or overlapping kits';
  if (both('备件补货') || both('年度维保'))
    return 'two customers reordering the same consumables or contracts';
  if (sameBasket) return 'two customers, same SKUs';
  const accountKind = (d: PlannedDeal) => accountByKey.get(d.accountKey)?.kind;
  if (accountKind(a) === 'system_integrator' && accountKind(b) === 'system_integrator')
    return 'two integrator projects sharing popular SKUs';
  return 'other: baskets overlap in part';
}
const falseCauses = new Map<string, number>();
const falsePairs: { rank: number; pair: DealDuplicate; cause: string }[] = [];
ranked.forEach((pair, rank) => {
  if (truth.has(rankedKeys[rank] as string)) return;
  const [a, b] = planKeys(pair).map((k) => dealByKey.get(k) as PlannedDeal) as [PlannedDeal, PlannedDeal];
  const cause = whyFalse(a, b);
  falseCauses.set(cause, (falseCauses.get(cause) ?? 0) + 1);
  falsePairs.push({ rank, pair, cause });
});

// Every missed planted pair, asked of the incremental check: scored below 0, or never compared.
const missed = world.planted.filter((p) => !predicted.has(key(p.a, p.b)));
const missDetail: { pair: (typeof missed)[number]; found: DealDuplicate | null }[] = [];
for (const p of CHECK ? missed : []) {
  const found = await checkDealForDuplicates(crm, admin, idOf.get(p.a) as string, {
    minScore: -1_000,
    limit: 10_000,
  });
  const partner = idOf.get(p.b);
  missDetail.push({ pair: p, found: found.find((x) => x.a.id === partner || x.b.id === partner) ?? null });
}
await probe.close();
cleanup();

const lines: string[] = [];
const out = (s = '') => lines.push(s);
out(
  `duplicates probe: N=${count(world.deals.length)} deals, ${count(world.accounts.length)} accounts, ${world.users.length} people; Node ${process.version}, ${os.cpus().length} cores, load average ${loadAtStart} at start, ${load()} at end`,
);
out();
out('| measure | value |');
out('|---|---:|');
out(
  `| planted pairs (same customer / story / hard) | ${kinds.map((k) => plantedOf(k).length).join(' / ')} |`,
);
for (const kind of kinds) {
  const q = quality(predicted, plantedOf(kind));
  out(`| F1 ${kind} (P, R) | ${fmt(q.f1)} (${fmt(q.precision)}, ${fmt(q.recall)}) |`);
}
out(
  `| proposed pairs (score ≥ 0) / planted | ${count(ranked.length)} / ${count(truth.size)} = ${(ranked.length / truth.size).toFixed(2)}× |`,
);
out(`| false pairs proposed | ${count(falsePairs.length)} |`);
out(`| precision@20 | ${fmt(p20)} |`);
out(
  `| story pair rank (false / true pairs above it) | ${storyAt < 0 ? 'not proposed' : `${storyAt + 1} (${falseAbove} / ${storyAt - falseAbove})`} |`,
);
const recallOf = (pairs: typeof world.planted) =>
  `${pairs.filter((p) => predicted.has(key(p.a, p.b))).length} of ${pairs.length}`;
const sameCustomer = world.planted.filter((p) => p.kind === 'same_customer');
out(
  `| same customer found: exact copies / same account, edited / re-typed account | ${recallOf(sameCustomer.filter((p) => p.how === 'exact copy'))} / ${recallOf(sameCustomer.filter((p) => p.how !== 'exact copy' && !p.how.includes('account re-entered')))} / ${recallOf(sameCustomer.filter((p) => p.how.includes('account re-entered')))} |`,
);
out(
  CHECK
    ? `| missed planted pairs: scored below 0 / never compared | ${missDetail.filter((m) => m.found).length} / ${missDetail.filter((m) => !m.found).length} |`
    : `| missed planted pairs (not asked of the check: --no-check) | ${missed.length} |`,
);
out(`| pages read through the cursor (limit ${count(PAGE)}) | ${pages} |`);
out(`| wall s per page | ${pageSeconds.map((x) => x.toFixed(1)).join(' / ')} |`);
out(`| load through the commands s | ${loadSeconds.toFixed(1)} |`);
out(
  `| scan s (wall / CPU), all pages | ${scanSeconds.toFixed(1)} / ${((scanCpu.user + scanCpu.system) / 1e6).toFixed(1)} |`,
);
if (BELOW < 0) {
  out();
  out('Pairs under 0 by band (not proposed): planted same customer / story / hard, false');
  for (let top = 0; top > BELOW; top -= 1) {
    const band = underZero.filter((p) => p.score < top && p.score >= top - 1);
    const tally = kinds.map((k) => band.filter((p) => truth.get(key(...planKeys(p)))?.kind === k).length);
    const falseCount = band.filter((p) => !truth.has(key(...planKeys(p)))).length;
    out(`- [${top - 1}, ${top}): ${tally.join(' / ')}, false ${count(falseCount)}`);
  }
  const causes = new Map<string, number>();
  for (const p of underZero) {
    if (p.score < -3 || truth.has(key(...planKeys(p)))) continue;
    const [a, b] = planKeys(p).map((k) => dealByKey.get(k) as PlannedDeal) as [PlannedDeal, PlannedDeal];
    const cause = whyFalse(a, b);
    causes.set(cause, (causes.get(cause) ?? 0) + 1);
  }
  out('False pairs in [-3, 0) by cause:');
  for (const [cause, c] of [...causes].sort((x, y) => y[1] - x[1])) out(`- ${cause}: ${count(c)}`);
}
out();
out('False pairs by cause (read from the plan):');
for (const [cause, c] of [...falseCauses].sort((x, y) => y[1] - x[1])) out(`- ${cause}: ${count(c)}`);
out();
const side = (id: string) => {
  const d = dealByKey.get(keyOf.get(id) as string) as PlannedDeal;
  const account = accountByKey.get(d.accountKey);
  const basket = d.lines.map((l) => `${l.quantity}×${l.sku}`).join(', ');
  return `「${d.name}」 ${account?.name} [${basket}] ${d.requiredDelivery} (${d.province})`;
};
/** The first half from the top of the queue, the rest spread over it. */
const sample = <T>(xs: readonly T[], k: number): T[] => {
  if (xs.length <= k) return [...xs];
  const head = xs.slice(0, Math.ceil(k / 2));
  const rest = Math.floor(k / 2);
  const step = (xs.length - head.length) / rest;
  return [...head, ...Array.from({ length: rest }, (_, i) => xs[head.length + Math.floor(i * step)] as T)];
};
out(`Example false pairs (rank, bits, the API's explanation; cause read from the plan):`);
for (const { rank, pair, cause } of sample(falsePairs, EXAMPLES)) {
  out(`- #${rank + 1} ${pair.score.toFixed(1)} bits — ${cause}`);
  out(`  A ${side(pair.a.id)}`);
  out(`  B ${side(pair.b.id)}`);
  out(`  API: ${pair.explanation.text}`);
}
out();
out('Example missed planted pairs (kind, what was varied, what the check says):');
// Pairs never compared first (the blocking's misses), then a spread of each kind, topped up in order.
const neverCompared = missDetail.filter((m) => !m.found);
const spread = kinds.flatMap((k) =>
  sample(
    missDetail.filter((m) => m.found && m.pair.kind === k),
    Math.ceil(EXAMPLES / 3),
  ),
);
const missSample = [...new Set([...neverCompared, ...spread, ...missDetail])];
for (const { pair, found } of missSample.slice(0, EXAMPLES)) {
  out(`- ${pair.kind}: ${pair.how}`);
  out(`  A ${side(idOf.get(pair.a) as string)}`);
  out(`  B ${side(idOf.get(pair.b) as string)}`);
  out(
    found
      ? `  API ${found.score.toFixed(1)} bits: ${found.explanation.text}`
      : '  API: never compared (no shared block)',
  );
  if (SIGNALS && found) {
    const summed = found.signals.reduce((sum, s) => sum + s.weight, 0);
    const weights = found.signals.map((s) => `${s.name}:${s.level} ${s.weight.toFixed(2)}`).join(', ');
    out(`  signals: prior ${(found.score - summed).toFixed(2)}, ${weights}`);
  }
}
console.log(lines.join('\n'));

export {};
