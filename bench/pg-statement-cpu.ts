/**
 * The server's CPU for one statement, form against form: each form (text and parameters, as
 * `pg-tail.ts --explain --dump DIR` writes them) is prepared once on one connection and run `--n`
 * times a round, the forms alternating round after round (reversed every other round), and the
 * backend's time on a CPU is read from `/proc/<pid>/schedstat` around each round (ns, not the 10 ms
 * ticks of `/proc/<pid>/stat`). Every form's rows are hashed, so forms that are to answer the same
 * show it. Runs like the calendar's statement does: generic plan, no JIT.
 *
 *   npx tsx bench/pg-statement-cpu.ts --db gf_read_seed_1000000 [--schema gf_read] [--n 20] [--rounds 8]
 *     [--quiet-logs] [--first N] old=DIR1/calendar-team-3.json new=DIR2/calendar-team-3.json
 *
 * `--quiet-logs`: this session neither logs slow statements nor instruments them for auto_explain
 * (the seed's database sets both), so what is measured is the statement alone. `--first N`: the last
 * N parameters are sent as empty arrays — for the calendar, a week nobody read before (no known keys).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { argValue } from './measure.js';

const DB = argValue('--db') ?? 'gf_read_seed_1000000';
const SCHEMA = argValue('--schema') ?? 'gf_read';
const N = Number(argValue('--n') ?? 20);
const ROUNDS = Number(argValue('--rounds') ?? 8);
const FIRST = Number(argValue('--first') ?? 0);
const forms = process.argv
  .slice(2)
  .filter((a) => /^[\w-]+=/.test(a) && !a.startsWith('--'))
  .map((a) => {
    const [name, file] = a.split('=') as [string, string];
    const { sql, params } = JSON.parse(readFileSync(file, 'utf8')) as { sql: string; params: unknown[] };
    const values =
      FIRST > 0 ? [...params.slice(0, -FIRST), ...Array.from({ length: FIRST }, () => [])] : params;
    return { name, sql, values, cpu: [] as number[], wall: [] as number[], hash: '', rows: 0 };
  });
if (forms.length === 0) throw new Error('name=FILE.json … : the forms to compare');

const url = new URL(process.env.GONGFU_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
url.pathname = `/${DB}`;
const client = new pg.Client({ connectionString: url.toString() });
await client.connect();
await client.query(`set search_path to ${SCHEMA}`);
await client.query('set plan_cache_mode = force_generic_plan');
await client.query('set jit = off');
if (process.argv.includes('--quiet-logs')) {
  await client.query('set log_min_duration_statement = -1');
  // Defined only where the database loads auto_explain.
  await client
    .query(`select set_config('auto_explain.log_min_duration', '-1', false)`)
    .catch(() => undefined);
}
const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid;
const onCpuMs = () => Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
const run = (f: (typeof forms)[number]) =>
  client.query({ name: `cpu_${f.name}`, text: f.sql, values: f.values });

for (const f of forms) {
  const { rows } = await run(f);
  f.rows = rows.length;
  f.hash = createHash('md5').update(JSON.stringify(rows)).digest('hex').slice(0, 12);
}
for (let round = 0; round < ROUNDS; round++) {
  for (const f of round % 2 === 0 ? forms : [...forms].reverse()) {
    const cpu = onCpuMs();
    const wall = performance.now();
    for (let i = 0; i < N; i++) await run(f);
    f.cpu.push((onCpuMs() - cpu) / N);
    f.wall.push((performance.now() - wall) / N);
  }
}
await client.end();

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`${new Date().toISOString()} · ${DB} · ${ROUNDS} rounds × ${N} calls · load ${load}`);
for (const f of forms)
  console.log(
    `${f.name.padEnd(12)} rows ${f.rows} hash ${f.hash} · server CPU ms/call median ${median(f.cpu).toFixed(2)} ` +
      `[${f.cpu.map((x) => x.toFixed(2)).join(' ')}] · wall median ${median(f.wall).toFixed(2)}`,
  );
