/**
 * One PostgreSQL read path of two builds in ONE process, alternated round by round, on a kept
 * read-paths seed: this checkout's built packages ("head") and another checkout's ("base",
 * `--base DIR`, its own node_modules and built dist), each with its own pool and service on the
 * same database. Both share the process, the server and the machine's load, so the client CPU per
 * call (process user + system: the server is another process) and the per-round ratio are steadier
 * on a shared machine than two processes run one after the other. Wall p50/p95 per side over all
 * rounds are printed too. Both answers must be equal (JSON), or it stops.
 *
 *   npx tsx bench/read-path-ab.ts --base DIR --seed-dir DIR --size 1000000 --db gf_read_seed_1000000
 *     [--path calendar-team] [--rounds 10] [--n 40] [--warm 60]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { argValue, quantile } from './measure.js';
import { MORNING, readPathFn, type SeedOfPaths } from './read-path-fns.js';

const BASE = argValue('--base');
const SEED_DIR = argValue('--seed-dir');
if (BASE === undefined || SEED_DIR === undefined) throw new Error('--base DIR --seed-dir DIR');
const SIZE = Number(argValue('--size') ?? 1_000_000);
const DB = argValue('--db') ?? `gf_read_seed_${SIZE}`;
const PATH = argValue('--path') ?? 'calendar-team';
const ROUNDS = Number(argValue('--rounds') ?? 10);
const N = Number(argValue('--n') ?? 40);
const WARM = Number(argValue('--warm') ?? 60);
const HEAD = join(import.meta.dirname, '..');

const mark = JSON.parse(readFileSync(join(SEED_DIR, `read-postgres-${SIZE}.json`), 'utf8')) as SeedOfPaths;
const url = new URL(process.env.GONGFU_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
url.pathname = `/${DB}`;

interface Side {
  name: string;
  call: () => Promise<unknown>;
  close: () => Promise<void>;
  cpu: number[];
  wall: number[];
}

async function side(name: string, root: string): Promise<Side> {
  const at = (p: string) => pathToFileURL(join(root, p)).href;
  const { default: pg } = await import(at('node_modules/pg/lib/index.js'));
  const { createCrm, ManualClock } = await import(at('packages/core/dist/index.js'));
  const { postgresStorage } = await import(at('packages/storage-postgres/dist/index.js'));
  const reports = await import(at('packages/reports/dist/index.js'));
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  const storage = await postgresStorage({ pool }, { schema: 'gf_read', migrate: false });
  const crm = createCrm({
    storage,
    tenant: 'acme',
    clock: new ManualClock(MORNING),
    timeZone: 'Asia/Shanghai',
  });
  return {
    name,
    call: readPathFn(crm, mark, pool, PATH, reports),
    close: async () => {
      await storage.close();
      await pool.end();
    },
    cpu: [],
    wall: [],
  };
}

const base = await side('base', BASE);
const head = await side('head', HEAD);
const answers = await Promise.all([base.call(), head.call()]);
if (JSON.stringify(answers[0]) !== JSON.stringify(answers[1]))
  throw new Error(`${PATH}: base and head answer differently`);
for (const s of [base, head]) for (let i = 0; i < WARM; i++) await s.call();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
for (let r = 0; r < ROUNDS; r++) {
  const cpuOf: Record<string, number> = {};
  for (const s of r % 2 === 0 ? [base, head] : [head, base]) {
    const cpu = process.cpuUsage();
    for (let i = 0; i < N; i++) {
      const t = performance.now();
      await s.call();
      s.wall.push(performance.now() - t);
    }
    const used = process.cpuUsage(cpu);
    cpuOf[s.name] = (used.user + used.system) / N / 1000;
    s.cpu.push(cpuOf[s.name] as number);
  }
  console.log(
    `round ${r + 1}: client CPU ms/call base ${cpuOf.base?.toFixed(2)}, head ${cpuOf.head?.toFixed(2)}, head/base ${((cpuOf.head as number) / (cpuOf.base as number)).toFixed(3)}`,
  );
}
const ratios = head.cpu.map((h, i) => h / (base.cpu[i] as number));
for (const s of [base, head])
  console.log(
    `${s.name}: client CPU ${median(s.cpu).toFixed(2)} ms/call (median of rounds); wall p50 ${quantile(s.wall, 0.5).toFixed(2)} / p95 ${quantile(s.wall, 0.95).toFixed(2)} ms over ${s.wall.length} calls`,
  );
console.log(
  `${PATH}: head/base client CPU median ${median(ratios).toFixed(3)} (rounds ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)})`,
);
await base.close();
await head.close();
