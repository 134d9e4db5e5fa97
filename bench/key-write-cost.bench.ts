/**
 * What a key build's page costs at a given tenant size, statement by statement (issue 15, h-keyw):
 * a page's write cost depends on how many deals are keyed already, which a build from empty only
 * reaches at its end. So a tenant of N generated deals is imported and keyed once (`--prepare`),
 * and each measurement copies it, forgets the keys of k deals spread over it and re-keys them in
 * pages, timing every SQLite statement by its text (better-sqlite3's statements wrapped).
 *
 *   npx tsx bench/key-write-cost.bench.ts --prepare 100000 [--dir /tmp/keyw]
 *   npx tsx bench/key-write-cost.bench.ts --measure 100000 [--k 2000] [--page 25] [--cache MiB]
 *     [--wal-limit MiB] [--pragma 'wal_autocheckpoint=0;synchronous=OFF'] [--src file.db]
 *
 * Prints the lock held per page and per deal (from the transaction's first statement to its
 * commit), CPU per deal, the statements' time per deal, and the WAL written per deal (meaningful
 * with checkpoints off: `--pragma wal_autocheckpoint=0 --wal-limit 100000`).
 */
const { runFromSource } = await import('./support.js');
runFromSource(8192);
const { copyFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, rmSync } = await import(
  'node:fs'
);
const { join } = await import('node:path');
const { createInterface } = await import('node:readline');
const { createCrm } = await import('@gongfu/core');
type CrmStorage = import('@gongfu/core').CrmStorage;
type TenantRow = import('@gongfu/core').TenantRow;
const { sqliteStorage } = await import('@gongfu/storage-sqlite');
const { refreshDedupeIndex } = await import('@gongfu/reports');
const { argValue, quantile } = await import('./measure.js');
const { default: Database } = await import('better-sqlite3');

const TENANT = 'bench';
const dir = argValue('--dir') ?? '/tmp/keyw';
mkdirSync(dir, { recursive: true });
const open = (file: string) => {
  const database = new Database(file);
  for (const p of (argValue('--pragma') ?? '').split(';').filter(Boolean)) database.pragma(p);
  // After SQLite's own pragmas (sqliteStorage sets its own first): applied again below.
  return sqliteStorage({
    database,
    busyTimeoutMs: 600_000,
    cacheSizeMiB: Number(argValue('--cache') ?? 256),
    ...(argValue('--wal-limit') ? { walLimitMiB: Number(argValue('--wal-limit')) } : {}),
  }).then((s) => {
    for (const p of (argValue('--pragma') ?? '').split(';').filter(Boolean)) database.pragma(p);
    return s;
  });
};

async function* exportRows(exportFile: string): AsyncGenerator<TenantRow> {
  for await (const line of createInterface({ input: createReadStream(exportFile), crlfDelay: Infinity })) {
    const parsed = JSON.parse(line) as TenantRow & { format?: string; end?: boolean };
    if (parsed.format === undefined && parsed.end === undefined)
      yield { table: parsed.table, row: parsed.row };
  }
}

// Per-statement timing: every better-sqlite3 statement's run/all/get/iterate, by SQL text.
const stmtMs = new Map<string, { n: number; ms: number }>();
let timing = false;
{
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
  probe.close();
  for (const name of ['run', 'all', 'get']) {
    const orig = proto[name] as (...a: unknown[]) => unknown;
    proto[name] = function (this: { source: string }, ...a: unknown[]) {
      if (!timing) return orig.apply(this, a);
      const t = performance.now();
      try {
        return orig.apply(this, a);
      } finally {
        const key = this.source.replace(/\?(, \?)+/g, '?…').slice(0, 140);
        const s = stmtMs.get(key) ?? { n: 0, ms: 0 };
        s.n++;
        s.ms += performance.now() - t;
        stmtMs.set(key, s);
      }
    };
  }
}

if (argValue('--prepare')) {
  const N = Number(argValue('--prepare'));
  const { generate } = await import('./duplicates-data.js');
  const { exportLines, templates } = await import('./deal-export-lines.js');
  const exportFile = join(dir, `export-${N}.jsonl`);
  const { records } = generate(N);
  const out = createWriteStream(exportFile);
  for (const line of exportLines(records, await templates(), TENANT, 60))
    if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r) => out.end(() => r()));
  const file = join(dir, `keyed-${N}.db`);
  rmSync(file, { force: true });
  const storage = await open(file);
  let t = performance.now();
  await storage.tenants.importRows(
    { id: TENANT, name: 'bench', createdAt: new Date().toISOString() as never },
    exportRows(exportFile),
  );
  console.log(`import ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const crm = createCrm({ storage, tenant: TENANT });
  await refreshDedupeIndex(crm, { pageSize: 2000, pauseMs: 0 });
  console.log(`keys ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await storage.close();
  rmSync(exportFile);
}

if (argValue('--measure')) {
  const N = Number(argValue('--measure'));
  const K = Number(argValue('--k') ?? 2000);
  const page = Number(argValue('--page') ?? 25);
  const file = join(dir, `m-${N}-${process.pid}.db`);
  copyFileSync(join(dir, argValue('--src') ?? `keyed-${N}.db`), file);
  const storage = await open(file);
  // Unkey K deals spread over the tenant: no keys, a source that differs from the deal.
  const raw = new Database(file);
  const opps = raw
    .prepare(`select id from opportunities where tenant_id = ?`)
    .pluck()
    .all(TENANT) as string[];
  raw.close();
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = new Set<string>();
  while (pick.size < Math.min(K, opps.length)) pick.add(opps[Math.floor(rand() * opps.length)] as string);
  await storage.transaction({ tenantId: TENANT }, (tx) =>
    tx.dedupeKeys.replace(
      [...pick].map((opportunityId) => ({
        source: {
          opportunityId,
          version: -1,
          accountVersion: null,
          seenAt: new Date().toISOString() as never,
        },
        keys: [],
      })),
    ),
  );
  await storage.close();
  {
    // Forget the watermark: the refresh then looks for every stale deal.
    const w = new Database(file);
    w.prepare(`delete from dedupe_sources where tenant_id = ? and opportunity_id = ''`).run(TENANT);
    w.close();
  }
  // Reopen: a cold page cache as a long build's would be for pages far apart.
  const s2 = await open(file);
  const held: number[] = [];
  const timed: CrmStorage = {
    ...s2,
    transaction: async (options, fn) => {
      let began = 0;
      try {
        return await s2.transaction(options, (tx) => {
          began = performance.now();
          return fn(tx);
        });
      } finally {
        if (began > 0) held.push(performance.now() - began);
      }
    },
  };
  const crm = createCrm({ storage: timed, tenant: TENANT });
  const cpu = process.cpuUsage();
  const t = performance.now();
  timing = true;
  await refreshDedupeIndex(crm, { pageSize: page, pauseMs: 0 });
  timing = false;
  const wall = performance.now() - t;
  const { statSync } = await import('node:fs');
  console.log(
    `WAL now ${(statSync(`${file}-wal`).size / 2 ** 20).toFixed(1)} MiB, ${(statSync(`${file}-wal`).size / pick.size / 1024).toFixed(0)} KiB/deal (meaningful with wal_autocheckpoint=0 and --wal-limit 100000)`,
  );
  const used = process.cpuUsage(cpu);
  const lock = held.reduce((a, b) => a + b, 0);
  const deals = pick.size;
  console.log(
    `N=${N} k=${deals} page=${page}: pages ${held.length}, lock/page p50 ${quantile(held, 0.5).toFixed(1)} p99 ${quantile(held, 0.99).toFixed(1)} ms, lock/deal ${(lock / deals).toFixed(2)} ms, wall ${(wall / 1000).toFixed(1)} s, cpu/deal ${((used.user + used.system) / 1000 / deals).toFixed(2)} ms`,
  );
  const top = [...stmtMs].sort((a, b) => b[1].ms - a[1].ms).slice(0, 14);
  for (const [sqlText, s] of top)
    console.log(
      `${(s.ms / deals).toFixed(3)} ms/deal  n=${s.n}  ${(s.ms / s.n).toFixed(2)} ms/call  ${sqlText}`,
    );
  await s2.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) rmSync(f);
}
process.exit(0);

export {};
