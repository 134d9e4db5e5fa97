/**
 * Where a PostgreSQL read path's wall time goes, call by call, and what makes its slow calls slow:
 * on a kept read-paths seed (`read-paths.bench.ts --seed-dir DIR --seed-db-prefix P`), runs the
 * named paths in alternating rounds and records for every call
 *
 * - wall time;
 * - this process's CPU (all threads, `process.cpuUsage`) and its main thread's CPU and run-queue
 *   wait (`/proc/self/schedstat`: time on a CPU and time runnable but waiting for one, in ns);
 * - the server's CPU and run-queue wait for the call (`/proc/<backend pid>/schedstat` of every
 *   backend the pool opened: the machine's own server);
 * - round trips and statements (the traced pool), DataRow messages and bytes received;
 * - GC pauses inside the call (PerformanceObserver `gc` entries);
 *
 * then prints, per path, p50/p95/p99 and the mean of each part over the middle calls (p40–p60)
 * and over the slowest 5 %: "rest" is the time left after the client's and the server's CPU and
 * run-queue waits (wake-ups, the loopback, time neither process was runnable), over the span
 * that bounds the /proc reads (the call plus the reads themselves, ~0.1 ms).
 *
 *   npx tsx bench/pg-tail.ts --seed-dir DIR --size 100000 [--db gf_pt_seed_100000]
 *     [--paths activities-head,reminders,timeline] [--n 120] [--rounds 5] [--pool 4] [--json FILE]
 *     [--explain [--dump DIR] [--explain-tree old|new]]
 *
 * `--explain`: each statement of each path once, planned both ways — EXPLAIN ANALYZE with the values
 * written in (a custom plan, as a statement planned per call gets) and EXECUTE of a prepared
 * statement under `force_generic_plan` — with planning and execution times, so what planning costs
 * per call shows beside what the generic plan would cost instead. `--dump DIR` also writes each
 * statement's text and parameters to `DIR/<path>-<n>.json`, for `pg-statement-cpu.ts`; `--explain-tree
 * old` explains (and dumps) the `--old` tree's statements instead of this one's.
 * Paths: see `read-path-fns.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import type { Crm } from '@gongfu/core';
import { argValue, fmtMs, machineLine, quantile, table } from './measure.js';
import { runFromSource } from './support.js';

runFromSource();

const { default: pg } = await import('pg');
const { readPathFn, MORNING } = await import('./read-path-fns.js');
const { tracePool } = await import('./read-plans.js');

const SEED_DIR = argValue('--seed-dir');
if (SEED_DIR === undefined) throw new Error('--seed-dir DIR: a kept read-paths seed');
const SIZE = Number(argValue('--size') ?? 100000);
const DB = argValue('--db') ?? `gf_pt_seed_${SIZE}`;
const PATHS = (argValue('--paths') ?? 'activities-head,reminders,timeline').split(',');
const N = Number(argValue('--n') ?? 120);
const ROUNDS = Number(argValue('--rounds') ?? 5);
const POOL = Number(argValue('--pool') ?? 4);
const JSON_OUT = argValue('--json');
/** Another checkout (its packages' sources, with a node_modules beside them): measured alternately with this one. */
const OLD = argValue('--old');
const DUMP = argValue('--dump');

const mark = JSON.parse(
  readFileSync(join(SEED_DIR, `read-postgres-${SIZE}.json`), 'utf8'),
) as import('./read-path-fns.js').SeedOfPaths;
const url = new URL(process.env.GONGFU_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
url.pathname = `/${DB}`;

/** One tree's packages on a pool of its own, with what its connections received and their server processes. */
interface Build {
  label: string;
  pool: import('pg').Pool;
  traced: ReturnType<typeof tracePool>;
  wire: { bytes: number; reads: number; rows: number };
  backends: Set<number>;
  close(): Promise<void>;
  fns: Map<string, () => Promise<unknown>>;
}

async function openBuild(label: string, root: string | undefined): Promise<Build> {
  const from = (pkg: string) =>
    root === undefined ? import(`@gongfu/${pkg}`) : import(join(root, 'packages', pkg, 'src', 'index.ts'));
  const core = (await from('core')) as typeof import('@gongfu/core');
  const { postgresStorage } = (await from('storage-postgres')) as typeof import('@gongfu/storage-postgres');
  const reports = (await from('reports')) as typeof import('@gongfu/reports');
  // The wire, counted on every connection the pool opens: bytes and DataRow messages received,
  // and the server process behind it (its CPU is read from /proc).
  const wire = { bytes: 0, reads: 0, rows: 0 };
  const backends = new Set<number>();
  const pool = new pg.Pool({ connectionString: url.toString(), max: POOL });
  pool.on('connect', (client) => {
    const c = client as unknown as {
      processID: number;
      connection: { stream: NodeJS.EventEmitter; on(e: string, f: () => void): void };
    };
    backends.add(c.processID);
    c.connection.stream.on('data', (chunk: Buffer) => {
      wire.bytes += chunk.length;
      wire.reads++;
    });
    c.connection.on('dataRow', () => {
      wire.rows++;
    });
  });
  const traced = tracePool(pool);
  const storage = await postgresStorage({ pool: traced.pool }, { schema: 'gf_read', migrate: false });
  const crm: Crm = core.createCrm({
    storage,
    tenant: 'acme',
    clock: new core.ManualClock(MORNING),
    timeZone: 'Asia/Shanghai',
  });
  const fns = new Map(PATHS.map((p) => [p, readPathFn(crm, mark, pool, p, reports)] as const));
  return {
    label,
    pool,
    traced,
    wire,
    backends,
    fns,
    async close() {
      await storage.close();
      await pool.end();
    },
  };
}

const builds = [await openBuild('new', undefined)];
if (OLD !== undefined) builds.unshift(await openBuild('old', OLD));

/** Time on a CPU and time waiting for one, ns, of one task (`/proc/<pid>/schedstat`). */
function schedstat(path: string): [number, number] {
  try {
    const [run, wait] = readFileSync(path, 'utf8').split(' ');
    return [Number(run), Number(wait)];
  } catch {
    return [0, 0];
  }
}
const serverSched = (backends: ReadonlySet<number>): [number, number] => {
  let run = 0;
  let wait = 0;
  for (const pid of backends) {
    const [r, w] = schedstat(`/proc/${pid}/schedstat`);
    run += r;
    wait += w;
  }
  return [run, wait];
};

interface Call {
  build: string;
  path: string;
  t0: number;
  t1: number;
  wall: number;
  span: number;
  cpu: number;
  mainCpu: number;
  mainWait: number;
  serverCpu: number;
  serverWait: number;
  trips: number;
  statements: number;
  rows: number;
  bytes: number;
  reads: number;
  gc: number;
  gcMajor: number;
}

const gcs: { start: number; end: number; major: boolean }[] = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    // kind 4 is mark-sweep-compact (NODE_PERFORMANCE_GC_MAJOR); 1 scavenge, 2 minor MS, 8 incremental, 16 weak callbacks.
    const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind;
    gcs.push({ start: e.startTime, end: e.startTime + e.duration, major: kind === 4 });
  }
});
observer.observe({ entryTypes: ['gc'] });

async function timedCall(build: Build, path: string, fn: () => Promise<unknown>): Promise<Call> {
  const { wire, traced } = build;
  // The span around the /proc reads bounds what they count (a wait before t0 is counted when the
  // thread next runs); the wall between t0 and t1 is the call's latency.
  const outer0 = performance.now();
  const w0 = { ...wire };
  const s0 = serverSched(build.backends);
  const m0 = schedstat('/proc/self/schedstat');
  const c0 = process.cpuUsage();
  traced.start();
  const t0 = performance.now();
  await fn();
  const t1 = performance.now();
  const statements = traced.stop();
  const c = process.cpuUsage(c0);
  const m1 = schedstat('/proc/self/schedstat');
  const s1 = serverSched(build.backends);
  const outer1 = performance.now();
  return {
    build: build.label,
    path,
    t0,
    t1,
    wall: t1 - t0,
    span: outer1 - outer0,
    cpu: (c.user + c.system) / 1000,
    mainCpu: (m1[0] - m0[0]) / 1e6,
    mainWait: (m1[1] - m0[1]) / 1e6,
    serverCpu: (s1[0] - s0[0]) / 1e6,
    serverWait: (s1[1] - s0[1]) / 1e6,
    trips: new Set(statements.map((s) => s.trip)).size,
    statements: statements.length,
    rows: wire.rows - w0.rows,
    bytes: wire.bytes - w0.bytes,
    reads: wire.reads - w0.reads,
    gc: 0,
    gcMajor: 0,
  };
}

for (const build of builds) for (const [, fn] of build.fns) for (let i = 0; i < 5; i++) await fn();

if (process.argv.includes('--explain')) await explainAll();

const calls: Call[] = [];
const per = Math.max(1, Math.round(N / ROUNDS));
// Each round runs every path on every tree, one after the other: drift in the machine's load falls on both.
for (let r = 0; r < ROUNDS; r++)
  for (const path of PATHS)
    for (const build of builds) {
      const fn = build.fns.get(path) as () => Promise<unknown>;
      for (let i = 0; i < per; i++) calls.push(await timedCall(build, path, fn));
    }
// Let the observer deliver the last entries, then charge each pause to the call it fell in.
await new Promise((resolve) => setTimeout(resolve, 50));
observer.disconnect();
for (const g of gcs) {
  const call = calls.find((c) => g.start < c.t1 && g.end > c.t0);
  if (call === undefined) continue;
  const inside = Math.min(g.end, call.t1) - Math.max(g.start, call.t0);
  call.gc += inside;
  if (g.major) call.gcMajor += inside;
}

const mean = (xs: readonly Call[], f: (c: Call) => number) =>
  xs.length === 0 ? Number.NaN : xs.reduce((t, c) => t + f(c), 0) / xs.length;
const rest = (c: Call) => c.span - c.mainCpu - c.mainWait - c.serverCpu - c.serverWait;
const rows: string[][] = [];
const groups = PATHS.flatMap((path) => builds.map((b) => [path, b.label] as const));
const label = (path: string, build: string) => (builds.length > 1 ? `${path} (${build})` : path);
for (const [path, build] of groups) {
  const mine = calls.filter((c) => c.path === path && c.build === build);
  const walls = mine.map((c) => c.wall);
  const p40 = quantile(walls, 0.4);
  const p60 = quantile(walls, 0.6);
  const p95 = quantile(walls, 0.95);
  const bands: [string, Call[]][] = [
    ['all (mean)', mine],
    ['middle (p40–p60)', mine.filter((c) => c.wall >= p40 && c.wall <= p60)],
    ['slowest 5 %', mine.filter((c) => c.wall >= p95)],
  ];
  for (const [band, xs] of bands)
    rows.push([
      label(path, build),
      band,
      String(xs.length),
      fmtMs(mean(xs, (c) => c.wall)),
      fmtMs(mean(xs, (c) => c.mainCpu)),
      fmtMs(mean(xs, (c) => c.cpu - c.mainCpu)),
      fmtMs(mean(xs, (c) => c.mainWait)),
      fmtMs(mean(xs, (c) => c.serverCpu)),
      fmtMs(mean(xs, (c) => c.serverWait)),
      fmtMs(mean(xs, rest)),
      fmtMs(mean(xs, (c) => c.gc)),
      mean(xs, (c) => c.trips).toFixed(1),
      mean(xs, (c) => c.statements).toFixed(1),
      Math.round(mean(xs, (c) => c.rows)).toLocaleString('en-US'),
      `${Math.round(mean(xs, (c) => c.bytes) / 1024)} KiB / ${mean(xs, (c) => c.reads).toFixed(1)}`,
    ]);
  // A call whose server CPU is several times the usual one planned again (a cached plan dropped by
  // an invalidation) or waited on something server-side: counted, and how many of them are slow.
  const usual = quantile(
    mine.map((c) => c.serverCpu),
    0.5,
  );
  const heavy = mine.filter((c) => c.serverCpu > 3 * usual + 0.5);
  console.error(
    `pg-tail: ${label(path, build)}: ${heavy.length} calls with server CPU > 3× the median (${fmtMs(usual)} ms): ${heavy.map((c) => fmtMs(c.serverCpu)).join(', ')}; ${heavy.filter((c) => c.wall >= p95).length} of them among the slowest 5 %`,
  );
}
console.log(
  `pg-tail: ${machineLine(`${SIZE.toLocaleString('en-US')} records, ${DB}, pool of ${POOL}, ${ROUNDS} rounds of ${per} calls of each path${builds.length > 1 ? ` on each tree (old: ${OLD})` : ''}`)}`,
);
console.log('');
console.log(
  table(
    [
      'path',
      'calls',
      'n',
      'wall ms',
      'client main-thread CPU',
      'client other threads CPU',
      'client run-queue wait',
      'server CPU',
      'server run-queue wait',
      'rest',
      'GC pause',
      'round trips',
      'statements',
      'rows',
      'bytes / socket reads',
    ],
    rows,
  ),
);
console.log('');
for (const [path, build] of groups) {
  const mine = calls.filter((c) => c.path === path && c.build === build);
  const walls = mine.map((c) => c.wall);
  const cpu = mine.map((c) => c.cpu);
  const server = mine.map((c) => c.serverCpu);
  console.log(
    `- ${label(path, build)}: wall p50 ${fmtMs(quantile(walls, 0.5))} / p95 ${fmtMs(quantile(walls, 0.95))} / p99 ${fmtMs(quantile(walls, 0.99))} ms; client CPU p50 ${fmtMs(quantile(cpu, 0.5))} / mean ${fmtMs(mean(mine, (c) => c.cpu))} ms; server CPU p50 ${fmtMs(quantile(server, 0.5))} / mean ${fmtMs(mean(mine, (c) => c.serverCpu))} ms; ${mine.length} calls`,
  );
}
if (JSON_OUT !== undefined) writeFileSync(JSON_OUT, JSON.stringify(calls));
for (const build of builds) await build.close();

/** Every statement of every path, planned per call (custom) and once (generic), with timings. */
async function explainAll(): Promise<void> {
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query('set search_path to gf_read');
  const literal = (v: unknown) => {
    if (v === null || v === undefined) return 'null';
    return client.escapeLiteral(prepareValue(v));
  };
  const tree = argValue('--explain-tree') ?? 'new';
  const { fns, traced } = builds.find((b) => b.label === tree) ?? (builds[builds.length - 1] as Build);
  for (const [path, fn] of fns) {
    traced.start();
    await fn();
    const statements = traced
      .stop()
      .filter((s) => /^\s*(select|with)\s/i.test(s.sql) && !/set_config/.test(s.sql));
    console.log(`\n### ${path}: ${statements.length} statements\n`);
    let i = 0;
    for (const s of statements) {
      i++;
      const values = s.params.map(literal);
      const inlined = s.sql.replace(/\$(\d+)/g, (_, n: string) => values[Number(n) - 1] ?? 'null');
      if (DUMP !== undefined)
        writeFileSync(join(DUMP, `${path}-${i}.json`), JSON.stringify({ sql: s.sql, params: s.params }));
      const custom = await client.query(`explain (analyze, buffers, summary on) ${inlined}`);
      await client.query(`prepare gf_tail_${i} as ${s.sql}`);
      await client.query('set plan_cache_mode = force_generic_plan');
      const generic = await client.query(
        `explain (analyze, buffers, summary on) execute gf_tail_${i}(${values.join(', ')})`,
      );
      await client.query('reset plan_cache_mode');
      await client.query(`deallocate gf_tail_${i}`);
      const lines = (r: { rows: Record<string, string>[] }) => r.rows.map((x) => x['QUERY PLAN'] as string);
      // With JIT's compile time when the plan's cost passed jit_above_cost (a generic plan's
      // estimates know no values: a LIMIT page at 1M may cost past it).
      const timing = (ls: string[]) =>
        ls
          .filter((l) => /Planning Time|Execution Time|Timing: Generation/.test(l))
          .map((l) => l.trim().replace(/^Timing: /, 'JIT '))
          .join(', ');
      console.log(`${i}. ${s.sql.replace(/\s+/g, ' ').slice(0, 160)}`);
      console.log(`   custom: ${timing(lines(custom))}; top: ${lines(custom)[0]?.trim()}`);
      console.log(`   generic: ${timing(lines(generic))}; top: ${lines(generic)[0]?.trim()}`);
      if (process.argv.includes('--plans')) {
        console.log(
          lines(custom)
            .map((l) => `      ${l}`)
            .join('\n'),
        );
        console.log(
          lines(generic)
            .map((l) => `      ${l}`)
            .join('\n'),
        );
      }
    }
  }
  await client.end();
}

/** A parameter as pg sends it in text form (arrays as PostgreSQL array literals). */
function prepareValue(v: unknown): string {
  return String((pg as unknown as { utils: { prepareValue(v: unknown): unknown } }).utils.prepareValue(v));
}
