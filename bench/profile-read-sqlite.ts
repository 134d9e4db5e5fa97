/**
 * One SQLite read path on a kept read-paths seed, in a steady loop: this process's CPU per call
 * (all of SQLite's work happens in it), statements per call, and what the path returned. Made to
 * compare two trees on one seed file in alternation (a loaded machine's wall times say little).
 *
 *   npx tsx bench/profile-read-sqlite.ts --seed-dir DIR [--size 1000000] [--path review|calendar-rep|calendar-team|activities-line|activities-rep|deals-line|leads-line|deals-head]
 *     [--n 40] [--rounds 1] [--no-migrate] [--explain] [--statements]
 *
 * `--document-cache N`: the storage's `documentCacheSize` (0: every document read and decoded on
 * every call, the cost of a week nobody read before).
 * `--no-migrate` opens the file as it is (an older tree on a seed that newer migrations touched).
 * `--explain` prints each statement's plan once; `--statements` the CPU of each on its own;
 * `--dump FILE` writes one call's statements and parameters as JSON (to try variants by hand).
 * `--callgrind`: run under `valgrind --tool=callgrind --instr-atstart=no --smc-check=all-non-file
 * --callgrind-out-file=/tmp/cg.%p node --conditions=source --import tsx bench/profile-read-sqlite.ts …`;
 * instructions are counted around each round only (one dump per round: `totals:` / n per call), a
 * figure other processes on a loaded machine do not move.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Crm } from '@gongfu/core';
import { argValue } from './measure.js';
import { runFromSource } from './support.js';

runFromSource();

const { default: Database } = await import('better-sqlite3');
const { createCrm, ManualClock } = await import('@gongfu/core');
const { sqliteStorage } = await import('@gongfu/storage-sqlite');
const { morningReview } = await import('@gongfu/reports');
const { REVIEW_DAY } = await import('./read-data.js');
const { traceSqlite, explainSqlite } = await import('./read-plans.js');

const SEED_DIR = argValue('--seed-dir');
if (SEED_DIR === undefined) throw new Error('--seed-dir DIR: a kept read-paths seed');
const SIZE = Number(argValue('--size') ?? 1_000_000);
const PATH = argValue('--path') ?? 'review';
const N = Number(argValue('--n') ?? 40);
const ROUNDS = Number(argValue('--rounds') ?? 1);
const MORNING = '2026-12-02T01:00:00.000Z';

const mark = JSON.parse(readFileSync(join(SEED_DIR, `read-sqlite-${SIZE}.json`), 'utf8')) as {
  dataset: import('./read-data.js').Dataset;
};
const file = join(SEED_DIR, `read-sqlite-${SIZE}.db`);
const trace = traceSqlite(Database);
const storage = await sqliteStorage({
  filename: file,
  ...(process.argv.includes('--no-migrate') ? { migrate: false } : {}),
  ...(argValue('--document-cache') === undefined
    ? {}
    : { documentCacheSize: Number(argValue('--document-cache')) }),
});
const crm: Crm = createCrm({
  storage,
  tenant: 'acme',
  clock: new ManualClock(MORNING),
  timeZone: 'Asia/Shanghai',
});
const { org } = mark.dataset;
const paths: Record<string, () => Promise<unknown>> = {
  review: () => morningReview(crm, org.bigManager, { day: '2026-12-02', findDuplicates: false }),
  'calendar-rep': () =>
    crm.activities.calendar(org.repsOfBig[7] as string, { view: 'week', date: REVIEW_DAY }),
  'calendar-team': () =>
    crm.activities.calendar(org.bigManager, { view: 'week', date: REVIEW_DAY, userId: 'team' }),
  'activities-line': () => crm.activities.list(org.lineManager, { limit: 50 }),
  'activities-rep': () => crm.activities.list(org.repsOfBig[7] as string, { limit: 50 }),
  'deals-line': () => crm.opportunities.list(org.lineManager, { limit: 50 }),
  'leads-line': () => crm.leads.list(org.lineManager, { limit: 50 }),
  'deals-head': () => crm.opportunities.list(org.vp, { limit: 50 }),
};
const fn = paths[PATH];
if (fn === undefined) throw new Error(`--path: one of ${Object.keys(paths).join(', ')}`);

/** What the path returned, in numbers a reader can check between trees. */
function shape(result: unknown): string {
  const r = result as {
    people?: { overdueFollowUps: unknown[]; staleDeals: unknown[]; moreOverdueFollowUps?: number }[];
    days?: { entries?: unknown[]; items?: unknown[]; more: number }[];
  };
  if (r.people !== undefined) {
    const listed = r.people.reduce((n, p) => n + p.overdueFollowUps.length + p.staleDeals.length, 0);
    const more = r.people.reduce((n, p) => n + (p.moreOverdueFollowUps ?? 0), 0);
    return `${r.people.length} people, ${listed} reminders listed, ${more} more counted`;
  }
  const json = JSON.stringify(result);
  // The hash tells two trees' answers apart where the length cannot (same days, other rows).
  return `${json.length.toLocaleString('en-US')} JSON chars, SHA-1 ${createHash('sha1').update(json).digest('hex').slice(0, 12)}`;
}

for (let i = 0; i < 5; i++) await fn();
trace.start();
const result = await fn();
const statements = trace.stop();
console.log(`${PATH}: ${statements.length} statements per call; ${shape(result)}`);
if (process.argv.includes('--explain')) {
  const raw = new Database(file, { readonly: true });
  for (const s of statements) console.log(`${s.sql.slice(0, 300)}\n${explainSqlite(raw, s.sql, s.params)}\n`);
  raw.close();
}
const DUMP = argValue('--dump');
if (DUMP !== undefined) writeFileSync(DUMP, JSON.stringify(statements));
if (process.argv.includes('--statements')) {
  // Each statement of one call on its own: CPU per run over 10 runs, so the costly one shows.
  const raw = new Database(file, { readonly: true });
  raw.pragma('cache_size = -65536');
  for (const s of statements) {
    if (!/^\s*select/i.test(s.sql)) continue;
    const prepared = raw.prepare(s.sql);
    prepared.all(...s.params);
    const cpu = process.cpuUsage();
    for (let i = 0; i < 10; i++) prepared.all(...s.params);
    const used = process.cpuUsage(cpu);
    console.log(`${((used.user + used.system) / 10_000).toFixed(2)} ms  ${s.sql.slice(0, 140)}`);
  }
  raw.close();
}
const CALLGRIND = process.argv.includes('--callgrind');
const callgrind = (...args: string[]) => {
  if (CALLGRIND) execFileSync('callgrind_control', [...args, String(process.pid)]);
};
for (let round = 0; round < ROUNDS; round++) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  callgrind('-i', 'on');
  for (let i = 0; i < N; i++) await fn();
  callgrind('-d', `${PATH} round ${round + 1}`);
  callgrind('-i', 'off');
  const used = process.cpuUsage(cpu);
  console.log(
    `${PATH} round ${round + 1}: CPU ${((used.user + used.system) / 1000 / N).toFixed(2)} ms/call, wall ${((performance.now() - started) / N).toFixed(2)} ms/call (${N} calls, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  );
}
await storage.close();
