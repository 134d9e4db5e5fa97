/**
 * `npm run bench`: the command-path, read-path and bulk-work benchmarks at their default sizes, one after
 * another, and their tables written into bench/RESULTS.md between the generated-section markers
 * (everything else in the file is left as it is). Each figure there says the machine, the date and
 * the load average it was measured under, and the command that reruns it alone.
 *
 *   npm run bench                 # SQLite and PostgreSQL, 10k and 100k records: a few minutes
 *   npm run bench -- --full       # adds the 1M read paths and bulk work at 100k (tens of minutes, several GiB of disk)
 *   npm run bench -- --no-postgres --no-write
 *   npm run bench -- --seed-dir /work/seeds   # read paths on kept seeds (made on the first run, reused after)
 *
 * PostgreSQL is the server at GONGFU_PG_URL (default the local one); without one its parts are
 * skipped and say so.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineLine } from './measure.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const FULL = process.argv.includes('--full');
const WRITE = !process.argv.includes('--no-write');
const POSTGRES = !process.argv.includes('--no-postgres');
// Kept read-path seeds: seeded once into DIR (and kept PostgreSQL databases), read again on later runs.
const seedDirAt = process.argv.indexOf('--seed-dir');
const SEED_DIR = seedDirAt === -1 ? undefined : process.argv[seedDirAt + 1];
const BEGIN = '<!-- npm run bench: begin (generated; edit bench/run.ts, not this section) -->';
const END = '<!-- npm run bench: end -->';

interface Step {
  title: string;
  script: string;
  args: string[];
  needsPostgres?: boolean;
  /** What the numbers are and what they are compared with. */
  about: string;
}

const PG_URL = process.env.GONGFU_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const sizes = FULL ? '10000,100000,1000000' : '10000,100000';
const steps: Step[] = [
  {
    title: 'SQLite commands against hand-written transactions',
    script: 'bench/service.bench.ts',
    args: [],
    about:
      'Commands through `createCrm` on one WAL file (200-person org) and hand-written better-sqlite3 transactions doing the same reads and writes (`bench/raw-sqlite.ts`), in steady state: 2,000 unrecorded calls of every command on each side first, then 7 alternating rounds; ratio = median of the per-round throughput ratios (rounds = the lowest and highest of them), CPU ratio = raw CPU µs / Gongfu CPU µs per command.',
  },
  {
    title: 'PostgreSQL commands, round trips and drivers',
    script: 'bench/postgres.bench.ts',
    args: [],
    needsPostgres: true,
    about:
      'The same commands on the local PostgreSQL server through the pipelined pool (the default), statement by statement (`pipeline: false`) and by hand (`bench/raw-postgres.ts`, one statement per round trip as a developer writes it with a pool client), alternating in rounds.',
  },
  {
    title: 'Read paths at scale, both engines',
    script: 'bench/read-paths.bench.ts',
    args: [
      '--sizes',
      sizes,
      '--plans',
      'bench/PLANS.md',
      ...(POSTGRES ? [] : ['--engines', 'sqlite']),
      ...(SEED_DIR === undefined ? [] : ['--seed-dir', SEED_DIR, '--reuse']),
    ],
    about:
      'A tenant imported in bulk (`bench/read-data.ts`: n leads, deals, activities and costs over two years, a 200-person org, teams, reminders, history), then each read path timed; rollups alternate with hand-written GROUP BY SQL over the same rows (ratio = Gongfu time / hand-written time). The plan of every statement at the largest size is in `bench/PLANS.md`.',
  },
  {
    title: 'Bulk work beside commands',
    script: 'bench/bulk-work.bench.ts',
    args: ['--n', FULL ? '100000' : '10000', ...(POSTGRES ? ['--pg', PG_URL] : [])],
    about:
      'A tenant import and the dedupe key build on a SQLite file (and the key build on PostgreSQL), while a second process with its own connection runs a command every ~10 ms and times each: how long a command waits while bulk work runs (target < 50 ms at p99 on SQLite, no session ever waiting for a lock on PostgreSQL). Each job runs as one big transaction (the baseline: commands wait for all of it) and in short transactions (the product), each on a fresh copy of the same file.',
  },
];

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
  cwd: root,
  encoding: 'utf8',
}).stdout.trim();
const started = new Date();
const sections: string[] = [];
for (const step of steps) {
  if (step.needsPostgres && !POSTGRES) {
    sections.push(`### ${step.title}\n\nSkipped (--no-postgres).\n`);
    continue;
  }
  const command = `npx tsx ${step.script} ${step.args.join(' ')}`.trim();
  console.error(`▶ ${command}`);
  const before = load();
  const t = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', step.script, ...step.args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 2 ** 20,
  });
  const minutes = ((performance.now() - t) / 60_000).toFixed(1);
  if (run.status !== 0) {
    sections.push(
      `### ${step.title}\n\n\`${command}\` failed (exit ${run.status}):\n\n\`\`\`\n${run.stdout.slice(-2000)}\n\`\`\`\n`,
    );
    continue;
  }
  sections.push(
    `### ${step.title}\n\n\`\`\`\n${command}\n\`\`\`\n\n${step.about} Ran ${minutes} min; load average ${before} before, ${load()} after.\n\n${run.stdout.trim()}\n`,
  );
}

const generated = [
  BEGIN,
  '',
  `## Generated by \`npm run bench${FULL ? ' -- --full' : ''}\``,
  '',
  `- Run: ${machineLine()} · commit ${commit} · started ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  '- Medians of alternating rounds; p50/p95 over every call. On a shared machine compare the ratios (subject and baseline ran back to back) rather than absolute rates, and the load averages beside each table.',
  '',
  ...sections,
  END,
].join('\n');

console.log(generated);
if (WRITE) {
  const file = join(here, 'RESULTS.md');
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf(BEGIN);
  const to = text.indexOf(END);
  const next =
    from >= 0 && to > from
      ? `${text.slice(0, from)}${generated}${text.slice(to + END.length)}`
      : text.replace(/^(# [^\n]*\n)/, `$1\n${generated}\n`);
  writeFileSync(file, next);
  console.error(`bench/RESULTS.md: generated section rewritten`);
}
