/**
 * Where a PostgreSQL read path spends its time: on a kept read-paths seed (see
 * `read-paths.bench.ts --seed-dir`), runs one path in a steady loop and prints the statements and
 * round trips per call, this process's CPU per call, and a CPU profile's self time by package and
 * by function (a .cpuprofile is written for a closer look).
 *
 *   npx tsx bench/profile-read.ts --seed-dir DIR [--size 10000] [--db gf_read_seed_10000]
 *     [--path leads-manager] [--n 300] [--out /tmp/prof-read.cpuprofile] [--sql statements.json] [--plain]
 *     [--server-cpu]
 *
 * `--document-cache N`: the storage's `documentCacheSize` (0: every document read and decoded on
 * every call, the cost of a week nobody read before).
 * `--server-cpu` (with `--plain`, the server on this machine): one pooled connection, and the CPU its
 * server process spent per call (from /proc), beside this process's: steadier than wall time on a
 * loaded machine, and it shows what planning and execution cost on the server.
 *
 * Paths: see `read-path-fns.ts`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Crm } from '@gongfu/core';
import { profileTimes } from './cpu-profile-times.js';
import { argValue } from './measure.js';
import { runFromSource, startProfiler } from './support.js';

runFromSource();

const { default: pg } = await import('pg');
const { createCrm, ManualClock } = await import('@gongfu/core');
const { postgresStorage } = await import('@gongfu/storage-postgres');
const { readPathFn, MORNING } = await import('./read-path-fns.js');
const { tracePool } = await import('./read-plans.js');

const SEED_DIR = argValue('--seed-dir');
if (SEED_DIR === undefined) throw new Error('--seed-dir DIR: a kept read-paths seed');
const SIZE = Number(argValue('--size') ?? 10000);
const DB = argValue('--db') ?? `gf_read_seed_${SIZE}`;
const PATH = argValue('--path') ?? 'leads-manager';
const N = Number(argValue('--n') ?? 300);
const OUT = argValue('--out') ?? `/tmp/prof-read-${PATH}.cpuprofile`;

const mark = JSON.parse(
  readFileSync(join(SEED_DIR, `read-postgres-${SIZE}.json`), 'utf8'),
) as import('./read-path-fns.js').SeedOfPaths;
const url = new URL(process.env.GONGFU_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
url.pathname = `/${DB}`;
const SERVER_CPU = process.argv.includes('--server-cpu');
const pool = new pg.Pool({ connectionString: url.toString(), max: SERVER_CPU ? 1 : 4 });
const traced = tracePool(pool);
const cacheSize = argValue('--document-cache');
const storage = await postgresStorage(
  { pool: traced.pool },
  {
    schema: 'gf_read',
    migrate: false,
    ...(cacheSize === undefined ? {} : { documentCacheSize: Number(cacheSize) }),
  },
);
const crm: Crm = createCrm({
  storage,
  tenant: 'acme',
  clock: new ManualClock(MORNING),
  timeZone: 'Asia/Shanghai',
});
const fn = readPathFn(crm, mark, pool, PATH, await import('@gongfu/reports'));
for (let i = 0; i < 20; i++) await fn();

// Statements per call, by text (the first 90 characters).
traced.start();
const answer = JSON.stringify(await fn());
const statements = traced.stop();
const trips = new Set(statements.map((s) => s.trip)).size;
// The answer's hash: two trees compared must answer alike.
const hash = createHash('sha1').update(answer).digest('hex').slice(0, 12);
console.log(
  `${PATH}: ${statements.length} statements in ${trips} round trips per call; answer SHA-1 ${hash}`,
);
for (const s of statements)
  console.log(`  [${s.trip}] ${s.sql.replace(/\s+/g, ' ').slice(0, 110)} (${s.params.length} params)`);
// --sql FILE: the statements in full with their parameters, for EXPLAIN in psql.
const sqlFile = argValue('--sql');
if (sqlFile !== undefined) writeFileSync(sqlFile, JSON.stringify(statements, null, 1));

// --plain: no profiler, only CPU and wall per call (to compare two trees path by path).
const PLAIN = process.argv.includes('--plain');
const session = PLAIN ? undefined : await startProfiler();
const serverTicks = SERVER_CPU ? await backendTicks() : undefined;
const ticksBefore = serverTicks?.();
const cpu = process.cpuUsage();
const t = performance.now();
for (let i = 0; i < N; i++) await fn();
const used = process.cpuUsage(cpu);
const wall = performance.now() - t;
if (session === undefined) {
  console.log(
    `${PATH}: ${N} calls, CPU ${((used.user + used.system) / N / 1000).toFixed(2)} ms/call, wall ${(wall / N).toFixed(2)} ms/call`,
  );
  if (serverTicks !== undefined && ticksBefore !== undefined)
    // Linux counts CPU in ticks of 10 ms (USER_HZ 100): enough calls make it fine-grained.
    console.log(`${PATH}: server CPU ${(((serverTicks() - ticksBefore) * 10) / N).toFixed(2)} ms/call`);
  await storage.close();
  await pool.end();
  process.exit(0);
}
const { profile } = await session.post('Profiler.stop');
writeFileSync(OUT, JSON.stringify(profile));
console.log(
  `${PATH}: ${N} calls, CPU ${((used.user + used.system) / N / 1000).toFixed(2)} ms/call, wall ${(wall / N).toFixed(2)} ms/call (profiler on)`,
);

const { self, busy: all } = profileTimes(profile);
const byPackage = new Map<string, number>();
for (const [k, c] of self) {
  const file = (k.split(' ')[1] ?? '?').replace(/:\d+$/, '').replace(/^(\S+?)\/(dist|src|lib)\/.*/, '$1');
  byPackage.set(file, (byPackage.get(file) ?? 0) + c);
}
console.log('self time by package (busy samples):');
for (const [k, c] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 14))
  console.log(`${((100 * c) / all).toFixed(1).padStart(5)}%  ${k}`);
console.log('self time by function:');
for (const [k, c] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
  console.log(`${((100 * c) / all).toFixed(1).padStart(5)}%  ${k}`);
await storage.close();
await pool.end();

/** The user + system CPU ticks of the one pooled connection's server process, read from /proc. */
async function backendTicks(): Promise<() => number> {
  const client = await pool.connect();
  const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid;
  client.release();
  return () => {
    const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
    return Number(fields[11]) + Number(fields[12]);
  };
}
