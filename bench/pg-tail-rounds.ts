/**
 * Whether a PostgreSQL read path's slow calls are chance or the same calls every time: on a kept
 * read-paths seed, runs one path in rounds exactly as `read-paths.bench.ts` times a first page
 * (`against`: a round of the merged page, then a round of the same page by the filtered walk on a
 * storage of its own) or alone (`--alone`: rounds back to back, as `latency` does), and records for
 * every call of the subject its round, its place in the round, wall time, this process's CPU, the
 * server's CPU (`/proc/<backend>/schedstat` of every backend of both pools) and GC pauses inside it.
 * Prints wall / client CPU / server CPU by place in the round and the slowest calls' places: a tail
 * that sits on the same places round after round comes from the order of the calls (a plan built
 * on first use, a cache the other round evicted), one spread evenly is chance (the run queue, GC).
 *
 *   npx tsx bench/pg-tail-rounds.ts --seed-dir DIR --size 100000 --db gf_h_pgtail_100000
 *     [--path leads-rep] [--per 12] [--rounds 30] [--alone] [--json FILE]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { argValue, fmtMs, machineLine, quantile, table } from './measure.js';
import { runFromSource } from './support.js';

runFromSource();

const { default: pg } = await import('pg');
const core = await import('@gongfu/core');
const { postgresStorage } = await import('@gongfu/storage-postgres');
const reports = await import('@gongfu/reports');
const { readPathFn, MORNING } = await import('./read-path-fns.js');

const SEED_DIR = argValue('--seed-dir');
if (SEED_DIR === undefined) throw new Error('--seed-dir DIR: a kept read-paths seed');
const SIZE = Number(argValue('--size') ?? 100000);
const DB = argValue('--db') ?? `gf_read_seed_${SIZE}`;
const PATH = argValue('--path') ?? 'leads-rep';
const PER = Number(argValue('--per') ?? 12);
const ROUNDS = Number(argValue('--rounds') ?? 30);
const ALONE = process.argv.includes('--alone');
const JSON_OUT = argValue('--json');
/** Instead of the walk's round, sleep this many ms: whether idleness alone slows the next call. */
const IDLE = argValue('--idle') === undefined ? undefined : Number(argValue('--idle'));

const mark = JSON.parse(
  readFileSync(join(SEED_DIR, `read-postgres-${SIZE}.json`), 'utf8'),
) as import('./read-path-fns.js').SeedOfPaths;
const url = new URL(process.env.GONGFU_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
url.pathname = `/${DB}`;

/** The subject's server processes: the walk's (its last COMMIT still running) are not counted. */
const backends = new Set<number>();
async function open(scopedPages: 'merge' | 'walk') {
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  if (scopedPages === 'merge')
    pool.on('connect', (client) => backends.add((client as unknown as { processID: number }).processID));
  const storage = await postgresStorage({ pool }, { schema: 'gf_read', migrate: false, scopedPages });
  const crm = core.createCrm({
    storage,
    tenant: 'acme',
    clock: new core.ManualClock(MORNING),
    timeZone: 'Asia/Shanghai',
  });
  return { pool, storage, fn: readPathFn(crm, mark, pool, PATH, reports) };
}
const subject = await open('merge');
const walked = await open('walk');

function schedRun(pid: number | 'self'): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return 0;
  }
}
/** Read syscalls of the server's backends (`/proc/<pid>/io` syscr): one per shared-buffer miss. */
function serverReads(): number {
  let n = 0;
  for (const pid of backends) {
    try {
      n += Number(/syscr: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
    } catch {}
  }
  return n;
}
const serverRun = () => {
  let t = 0;
  for (const pid of backends) t += schedRun(pid);
  return t;
};

interface Call {
  round: number;
  place: number;
  t0: number;
  t1: number;
  wall: number;
  cpu: number;
  server: number;
  wait: number;
  /** Read syscalls the server made in the call: shared-buffer misses. */
  reads: number;
  gc: number;
}
const gcs: { start: number; end: number }[] = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ start: e.startTime, end: e.startTime + e.duration });
});
observer.observe({ entryTypes: ['gc'] });

const selfWait = () => Number(readFileSync('/proc/self/schedstat', 'utf8').split(' ')[1]);
const calls: Call[] = [];
// As read-paths' `against`: three pairs to warm up, then rounds.
for (let i = 0; i < 3; i++) {
  await subject.fn();
  if (!ALONE) await walked.fn();
}
for (let round = 0; round < ROUNDS; round++) {
  for (let place = 0; place < PER; place++) {
    const s0 = serverRun();
    const r0 = serverReads();
    const w0 = selfWait();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await subject.fn();
    const t1 = performance.now();
    const c = process.cpuUsage(c0);
    calls.push({
      round,
      place,
      t0,
      t1,
      wall: t1 - t0,
      cpu: (c.user + c.system) / 1000,
      server: (serverRun() - s0) / 1e6,
      wait: (selfWait() - w0) / 1e6,
      reads: serverReads() - r0,
      gc: 0,
    });
  }
  if (IDLE !== undefined) await new Promise((resolve) => setTimeout(resolve, IDLE));
  else if (!ALONE) for (let i = 0; i < PER; i++) await walked.fn();
}
await new Promise((resolve) => setTimeout(resolve, 50));
observer.disconnect();
for (const g of gcs) {
  const call = calls.find((c) => g.start < c.t1 && g.end > c.t0);
  if (call !== undefined) call.gc += Math.min(g.end, call.t1) - Math.max(g.start, call.t0);
}

const mean = (xs: readonly Call[], f: (c: Call) => number) => xs.reduce((t, c) => t + f(c), 0) / xs.length;
const rows: string[][] = [];
for (let place = 0; place < PER; place++) {
  const xs = calls.filter((c) => c.place === place);
  rows.push([
    String(place),
    fmtMs(
      quantile(
        xs.map((c) => c.wall),
        0.5,
      ),
    ),
    fmtMs(mean(xs, (c) => c.wall)),
    fmtMs(mean(xs, (c) => c.cpu)),
    fmtMs(mean(xs, (c) => c.server)),
    fmtMs(mean(xs, (c) => c.wait)),
    mean(xs, (c) => c.reads).toFixed(1),
    fmtMs(mean(xs, (c) => c.gc)),
  ]);
}
const walls = calls.map((c) => c.wall);
const p95 = quantile(walls, 0.95);
const slow = calls.filter((c) => c.wall >= p95);
console.log(
  `pg-tail-rounds: ${machineLine(`${PATH}, ${SIZE.toLocaleString('en-US')} records, ${ROUNDS} rounds of ${PER}${ALONE ? ' alone' : ' alternating with the walk'}`)}`,
);
console.log('');
console.log(
  table(
    [
      'place in round',
      'wall p50',
      'wall mean',
      'client CPU',
      'server CPU',
      'client run-queue wait',
      'server read syscalls',
      'GC',
    ],
    rows,
  ),
);
console.log('');
/** p50 / p95 of one measure over every call. */
const spread = (f: (c: Call) => number) => {
  const xs = calls.map(f);
  return `p50 ${fmtMs(quantile(xs, 0.5))} / p95 ${fmtMs(quantile(xs, 0.95))}`;
};
console.log(
  `- wall ${spread((c) => c.wall)}; client CPU ${spread((c) => c.cpu)}; server CPU ${spread((c) => c.server)}`,
);
console.log(
  `- the slowest 5 % (${slow.length}): places ${slow.map((c) => c.place).join(', ')}; mean client CPU ${fmtMs(mean(slow, (c) => c.cpu))}, server CPU ${fmtMs(mean(slow, (c) => c.server))}, run-queue wait ${fmtMs(mean(slow, (c) => c.wait))}, server reads ${mean(slow, (c) => c.reads).toFixed(1)}, GC ${fmtMs(mean(slow, (c) => c.gc))}`,
);
if (JSON_OUT !== undefined) writeFileSync(JSON_OUT, JSON.stringify(calls));
await subject.storage.close();
await walked.storage.close();
await subject.pool.end();
await walked.pool.end();
