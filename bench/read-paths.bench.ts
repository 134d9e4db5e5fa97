/**
 * Read paths at scale on both engines: a tenant of `n` leads, deals, activities and cost entries
 * (and their teams, reminders and history) imported in bulk, then every read a salesperson or a
 * manager makes all day — first pages of each list for a rep, a manager of ten and the head of the
 * 200-person tree; due reminders; a week calendar; one record's history; the morning review of a
 * manager of fifty; cost rollups by salesperson and by month, each against hand-written GROUP BY
 * SQL over the same rows in alternating rounds — with p50/p95 and the plan of every statement.
 *
 *   npx tsx bench/read-paths.bench.ts [--sizes 10000,100000] [--full] [--engines sqlite,postgres]
 *     [--calls 60] [--plans bench/PLANS.md] [--seed-dir DIR [--reuse] [--seed-only]] [--chunk 4096]
 *     [--seed-db-prefix gf_read_seed_] [--seed-by bulk|import] [--skip rollup,morning] [--only '(team)']
 *
 * `--skip` leaves out the paths whose names contain one of its words (SQLite's 1M rollups take
 * seconds a call: a 1M read of the rest without them takes minutes, not most of an hour); `--only`
 * keeps just the paths whose names contain one of its words (`--only '(team)'`: the team week).
 * `--full` adds 1,000,000. PostgreSQL is the server at GONGFU_PG_URL (default the local one), in a
 * schema of its own dropped afterwards.
 *
 * Kept seeds (a 1M seed takes tens of minutes; the reads a few): `--seed-dir DIR` keeps each
 * size's tenant instead of dropping it — SQLite in `DIR/read-sqlite-<size>.db`, PostgreSQL in the
 * database `gf_read_seed_<size>` (schema `gf_read`; `--seed-db-prefix` names it otherwise) on the same server — and writes
 * `DIR/read-<engine>-<size>.json` once the seed is complete (dataset, seed time, peak RSS).
 * `--reuse` opens a complete kept seed instead of seeding again (migrations newer than the seed are
 * applied as the storage opens; both engines are analyzed again); a stopped one (killed before its
 * mark was written) is continued: the import skips the rows it committed (`importRows` resumes).
 * `--seed-only` seeds (or finds) and stops, so the engines can be seeded at the same time and read
 * one after the other. `--chunk` is the import's rows per transaction (default: the store's).
 * `--cache-mib` sets the SQLite storage's page cache (`cacheSizeMiB`; default the storage's): a
 * seed of large chunks at 1M wants the chunk's dirty pages to fit, or SQLite spills them to the
 * WAL mid-transaction. Read with the default.
 * `--seed-by import` seeds through `TenantStore.importRows` (1,800 rows/s on PostgreSQL at load 20);
 * the default `bulk` loads the same rows by COPY (PostgreSQL) or by plain INSERTs with indexes and
 * triggers made afterwards (SQLite), and cannot continue a stopped seed (it is one transaction on
 * PostgreSQL; on SQLite seed again).
 * While seeding, a progress line every 100,000 rows gives the rate of those rows alone, so a rate
 * that falls as the tenant grows shows within one seed.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Crm, CrmStorage } from '@gongfu/core';
import { argValue, fmtMs, fmtRatio, machineLine, quantile, Series, table, timeCalls } from './measure.js';
import { runFromSource } from './support.js';

runFromSource(4096);

const { default: Database } = await import('better-sqlite3');
const { default: pg } = await import('pg');
const { createCrm, ManualClock } = await import('@gongfu/core');
const { sqliteStorage } = await import('@gongfu/storage-sqlite');
const { postgresStorage } = await import('@gongfu/storage-postgres');
const { costRollup, morningReview } = await import('@gongfu/reports');
const { tenantRows, tenantRowCount, REVIEW_DAY } = await import('./read-data.js');
const { makeTemplates } = await import('./read-templates.js');
const { traceSqlite, tracePool, explainSqlite, explainPostgres } = await import('./read-plans.js');
const { copySeed } = await import('./copy-seed-postgres.js');
const { bulkSeedSqlite } = await import('./bulk-seed-sqlite.js');
const { analyzeAsImported } = await import('./sqlite-analyze.js');

const PG_URL = process.env.GONGFU_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SIZES = (argValue('--sizes') ?? '10000,100000').split(',').map(Number);
if (process.argv.includes('--full') && !SIZES.includes(1_000_000)) SIZES.push(1_000_000);
const ENGINES = (argValue('--engines') ?? 'sqlite,postgres').split(',');
const CALLS = Number(argValue('--calls') ?? 60);
const SKIP = (argValue('--skip') ?? '').split(',').filter((w) => w !== '');
const ONLY = (argValue('--only') ?? '').split(',').filter((w) => w !== '');
const skipped = (name: string) =>
  SKIP.some((w) => name.includes(w)) || (ONLY.length > 0 && !ONLY.some((w) => name.includes(w)));
const PLANS = argValue('--plans');
const SEED_DIR = argValue('--seed-dir');
const REUSE = process.argv.includes('--reuse');
const SEED_ONLY = process.argv.includes('--seed-only');
const CHUNK = argValue('--chunk') === undefined ? undefined : Number(argValue('--chunk'));
/**
 * How a seed is loaded: `bulk` (the default: PostgreSQL by COPY, bench/copy-seed-postgres.ts;
 * SQLite by bench/bulk-seed-sqlite.ts — the import's rows, proved by bench/seed-equality.ts) or
 * through the tenant `import`.
 */
const SEED_BY = argValue('--seed-by') ?? 'bulk';
if (SEED_BY !== 'bulk' && SEED_BY !== 'import') throw new Error('--seed-by: bulk or import');
const CACHE_MIB = argValue('--cache-mib') === undefined ? undefined : Number(argValue('--cache-mib'));
if ((REUSE || SEED_ONLY) && SEED_DIR === undefined)
  throw new Error('--reuse and --seed-only need --seed-dir');
if (SEED_DIR !== undefined) mkdirSync(SEED_DIR, { recursive: true });
const TENANT = 'acme';
const MORNING = '2026-12-02T01:00:00.000Z';

interface PathResult {
  engine: string;
  size: number;
  name: string;
  p50: number;
  p95: number;
  /** This process's CPU per call, ms: on a loaded machine the steadier figure (all of SQLite's work). */
  cpu: number;
  baseline?: { p50: number; ratio: number };
}

const results: PathResult[] = [];
/** Keeps a path's figures and prints them at once: a 1M run cut short still says what it measured. */
function record(result: PathResult): void {
  results.push(result);
  const base =
    result.baseline === undefined
      ? ''
      : `, baseline ${fmtMs(result.baseline.p50)} ms, ratio ${fmtRatio(result.baseline.ratio)}`;
  console.error(
    `read paths: ${result.engine} ${result.size}: ${result.name}: p50 ${fmtMs(result.p50)} / p95 ${fmtMs(result.p95)} ms (CPU ${fmtMs(result.cpu)} ms)${base}`,
  );
}
const seeding: string[] = [];
const plans: string[] = [];
/** Keeps a path's plan and rewrites the plans file, so a run cut short leaves the plans it read. */
function keepPlan(plan: string): void {
  plans.push(plan);
  if (PLANS !== undefined) writePlans(PLANS);
}
function writePlans(file: string): void {
  writeFileSync(file, `# Query plans of the read paths\n\n${machineLine()}\n\n${plans.join('\n')}`);
}
const templates = await makeTemplates();

/** What a complete kept seed wrote beside itself. */
interface SeedMark {
  dataset: import('./read-data.js').Dataset;
  rows: number;
  seconds: number;
  peakRssMiB: number;
  seededAt: string;
  load: string;
  /** A stopped seed continued: about this many rows were in before (seconds are the rest's). */
  resumedAfterRows?: number;
  /** A stopped seed whose import had finished: only the mark was written (no seed time). */
  importFoundComplete?: boolean;
  /** The customer whose timeline is read (made through commands after the seed). */
  timelineAccountId?: string;
}

const markFile = (engine: string, size: number) =>
  SEED_DIR === undefined ? undefined : join(SEED_DIR, `read-${engine}-${size}.json`);
const readMark = (engine: string, size: number): SeedMark | undefined => {
  const file = markFile(engine, size);
  return file !== undefined && existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as SeedMark)
    : undefined;
};
/** `--seed-db-prefix` keeps one helper's PostgreSQL seeds apart from another's (default `gf_read_seed_`). */
const SEED_DB_PREFIX = argValue('--seed-db-prefix') ?? 'gf_read_seed_';
if (!/^[a-z_][a-z0-9_]*$/.test(SEED_DB_PREFIX))
  throw new Error('--seed-db-prefix: lower-case letters, digits and _');
const seedDatabase = (size: number) => `${SEED_DB_PREFIX}${size}`;

interface Opened {
  /** A complete kept seed was opened: nothing to import. */
  seeded?: SeedMark;
  storage: CrmStorage;
  /** The same database read with `scopedPages: 'walk'`: the filtered walk the merged pages replace. */
  walked: CrmStorage;
  /** The hand-written baseline's runner: SQL text with `?` placeholders and its parameters. */
  raw: (sql: string, params: unknown[]) => Promise<unknown>;
  trace: { start(): void; stop(): { sql: string; params: unknown[] }[] };
  explain: (sql: string, params: unknown[]) => Promise<string>;
  /** PostgreSQL: where a COPY seed loads the tenant. */
  server?: { url: string; schema: string };
  /** SQLite: the file a bulk seed loads. */
  file?: string;
  close(): Promise<void>;
}

async function openSqlite(size: number): Promise<Opened> {
  const kept = SEED_DIR !== undefined;
  const dir = SEED_DIR ?? mkdtempSync(join(tmpdir(), 'gongfu-read-bench-'));
  const file = join(dir, kept ? `read-sqlite-${size}.db` : 'read.db');
  const mark = REUSE ? readMark('sqlite', size) : undefined;
  // With --reuse a seed without its mark is a stopped one: the import continues after its rows.
  if (kept && (!REUSE || !existsSync(file))) {
    for (const f of [file, `${file}-wal`, `${file}-shm`, markFile('sqlite', size) as string])
      rmSync(f, { force: true });
  }
  const seeded = mark !== undefined && existsSync(file) ? mark : undefined;
  if (seeded !== undefined) {
    // Migrations newer than the seed (new indexes) first, then the statistics an import leaves
    // now: a seed made by older code keeps whatever its import wrote.
    await (await sqliteStorage({ filename: file })).close();
    await analyzeFile(file);
  }
  const trace = traceSqlite(Database);
  const storage = await sqliteStorage({
    filename: file,
    ...(CACHE_MIB === undefined ? {} : { cacheSizeMiB: CACHE_MIB }),
  });
  const walked = await sqliteStorage({ filename: file, migrate: false, scopedPages: 'walk' });
  const raw = new Database(file);
  raw.pragma('cache_size = -65536');
  return {
    seeded,
    storage,
    walked,
    raw: async (sql, params) => raw.prepare(sql).all(...params),
    trace,
    explain: async (sql, params) => explainSqlite(raw, sql, params),
    file,
    async close() {
      raw.close();
      await walked.close();
      await storage.close();
      if (!kept) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The sampled ANALYZE a large import ends with (`TenantStore.importRows`), on a kept seed. */
async function analyzeFile(file: string): Promise<void> {
  const started = performance.now();
  const raw = new Database(file);
  await analyzeAsImported(raw);
  raw.close();
  console.error(
    `read paths: ${file}: analyzed as an import does in ${Math.round(performance.now() - started)} ms`,
  );
}

/** The server URL with another database. */
function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A kept seed's database (created, or dropped and created again unless it is reused) and schema. */
async function keptPostgres(size: number): Promise<{ url: string; schema: string; seeded?: SeedMark }> {
  const database = seedDatabase(size);
  const mark = REUSE ? readMark('postgres', size) : undefined;
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
  try {
    const exists =
      (await admin.query('select 1 from pg_database where datname = $1', [database])).rowCount === 1;
    if (mark !== undefined && exists)
      return { url: withDatabase(PG_URL, database), schema: 'gf_read', seeded: mark };
    rmSync(markFile('postgres', size) as string, { force: true });
    // With --reuse a seed without its mark is a stopped one: the import continues after its rows.
    if (REUSE && exists) return { url: withDatabase(PG_URL, database), schema: 'gf_read' };
    if (exists) await admin.query(`drop database ${database} with (force)`);
    await admin.query(`create database ${database}`);
    return { url: withDatabase(PG_URL, database), schema: 'gf_read' };
  } finally {
    await admin.end();
  }
}

async function openPostgres(size: number): Promise<Opened> {
  const kept = SEED_DIR === undefined ? undefined : await keptPostgres(size);
  const url = kept?.url ?? PG_URL;
  const schema = kept?.schema ?? `gf_read_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  await admin.query(`create schema if not exists ${schema}`);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const traced = tracePool(pool);
  const storage = await postgresStorage({ pool: traced.pool }, { schema });
  const walkPool = new pg.Pool({ connectionString: url, max: 4 });
  const walked = await postgresStorage({ pool: walkPool }, { schema, migrate: false, scopedPages: 'walk' });
  const rawPool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` });
  const numbered = (sql: string) => {
    let i = 0;
    return sql.replace(/\?/g, () => `$${++i}`);
  };
  return {
    seeded: kept?.seeded,
    storage,
    walked,
    raw: async (sql, params) => (await rawPool.query(numbered(sql), params)).rows,
    trace: traced,
    explain: (sql, params) => explainPostgres(rawPool, sql, params),
    server: { url, schema },
    async close() {
      await storage.close();
      await walked.close();
      await pool.end();
      await walkPool.end();
      await rawPool.end();
      if (kept === undefined) await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    },
  };
}

/**
 * Calls of a path before it is timed: V8 compiles a path's code only after it has run a few times,
 * and five calls left the first size's p95 above the largest's (compilation, not the data).
 */
const WARM_UP_CALLS = 20;

/** Times `fn` CALLS times after a warm-up; p50/p95 in ms. */
async function latency(fn: () => Promise<unknown>) {
  for (let i = 0; i < WARM_UP_CALLS; i++) await fn();
  const round = await timeCalls(CALLS, fn);
  return { p50: quantile(round.times, 0.5), p95: quantile(round.times, 0.95), cpu: round.cpuUs / 1000 };
}

/** What one of the five alternating rounds may take, subject and baseline together. */
const ROUND_BUDGET_MS = 15_000;

/** Subject and hand-written baseline alternating in five rounds; medians of the rounds. */
async function against(subject: () => Promise<unknown>, baseline: () => Promise<unknown>) {
  const series = new Series();
  const warm = performance.now();
  for (let i = 0; i < 3; i++) {
    await subject();
    await baseline();
  }
  // A path that takes seconds a call (SQLite's rollups over 1M rows) gets fewer calls a round, so a
  // --full run stays within minutes; still five alternating rounds, never fewer than one call each.
  const pairMs = (performance.now() - warm) / 3;
  const budget = Math.max(1, Math.floor(ROUND_BUDGET_MS / pairMs));
  const per = Math.min(Math.max(4, Math.round(CALLS / 5)), budget);
  for (let r = 0; r < 5; r++) {
    series.add('subject', await timeCalls(per, subject));
    series.add('baseline', await timeCalls(per, baseline));
  }
  const s = series.summary('subject');
  const b = series.summary('baseline');
  return {
    p50: s.p50,
    p95: s.p95,
    cpu: s.cpuUs / 1000,
    baseline: { p50: b.p50, ratio: 1 / series.ratio('subject', 'baseline').throughput },
  };
}

async function runSize(engine: string, size: number): Promise<void> {
  const opened = engine === 'sqlite' ? await openSqlite(size) : await openPostgres(size);
  try {
    const { storage } = opened;
    const seed = opened.seeded ?? (await seedTenant(engine, size, opened));
    if (opened.seeded !== undefined) {
      console.error(`read paths: ${engine} ${size}: reusing the seed of ${seed.seededAt}`);
      // Migrations newer than the seed may have added indexes: give the planner their statistics.
      if (engine === 'postgres') await opened.raw('analyze', []);
    }
    const d = seed.dataset;
    const timed = seed.importFoundComplete !== true;
    seeding.push(
      `| ${engine} | ${size.toLocaleString('en-US')} | ${seed.rows.toLocaleString('en-US')} | ${timed ? seed.seconds.toFixed(1) : '– (import found complete)'}${seed.resumedAfterRows === undefined ? '' : ` (continued after ≈${seed.resumedAfterRows.toLocaleString('en-US')} rows)`} | ${timed ? Math.round(seed.rows / seed.seconds).toLocaleString('en-US') : '–'} | ${timed ? seed.peakRssMiB : '–'} |${opened.seeded === undefined ? '' : ` kept seed of ${seed.seededAt.slice(0, 16)} UTC (load ${seed.load}) |`}`,
    );
    if (SEED_ONLY) return;
    const crm: Crm = createCrm({
      storage,
      tenant: TENANT,
      clock: new ManualClock(MORNING),
      timeZone: 'Asia/Shanghai',
    });
    const walkCrm: Crm = createCrm({
      storage: opened.walked,
      tenant: TENANT,
      clock: new ManualClock(MORNING),
      timeZone: 'Asia/Shanghai',
    });
    const { org, period } = d;
    const rep = org.repsOfBig[7] as string;
    const historyOwner = await crm.leads.get(org.admin, d.historyLeadId).then((l) => l.ownerId);
    const subtree = [org.vp, org.bigManager, ...org.reps, ...new Array(0)];
    const scoped = (ids: readonly string[]) => ids.map(() => '?').join(', ');

    const paths: [string, () => Promise<unknown>][] = [];
    // First pages, each against the same page read by the filtered walk (the baseline column).
    const pages: [string, () => Promise<unknown>, () => Promise<unknown>][] = [];
    for (const [label, list] of [
      ['leads', (c: Crm, who: string) => c.leads.list(who, { limit: 50 })],
      ['deals', (c: Crm, who: string) => c.opportunities.list(who, { limit: 50 })],
      ['activities', (c: Crm, who: string) => c.activities.list(who, { limit: 50 })],
      ['costs', (c: Crm, who: string) => c.costs.list(who, { limit: 50 })],
    ] as const) {
      for (const [who, whom] of [
        ["a rep's first page", rep],
        ['manager of 10, first page', org.lineManager],
        ['head of the 200-person tree, first page', org.vp],
      ] as const)
        pages.push([`${label}: ${who}`, () => list(crm, whom), () => list(walkCrm, whom)]);
    }
    for (const [name, merged, walkedPage] of pages) {
      if (skipped(name)) continue;
      const r = await against(merged, walkedPage);
      record({ engine, size, name, ...r });
      if (PLANS !== undefined && size === Math.max(...SIZES))
        keepPlan(await planOf(opened, engine, size, name, merged));
    }
    paths.push(['due reminders of a rep', () => crm.reminders.due(rep, { at: MORNING })]);
    paths.push([
      'week calendar of a rep',
      () => crm.activities.calendar(rep, { view: 'week', date: REVIEW_DAY }),
    ]);
    paths.push([
      'week calendar of a manager of 50 (team)',
      () => crm.activities.calendar(org.bigManager, { view: 'week', date: REVIEW_DAY, userId: 'team' }),
    ]);
    paths.push(['history of one record', () => crm.history.forRecord(historyOwner, 'lead', d.historyLeadId)]);
    const customer = await timelineCustomer(crm, engine, size, rep);
    const story = await crm.accounts.timeline(rep, customer, { limit: 50 });
    console.error(
      `read paths: ${engine} ${size}: the customer's timeline, first page: ${story.items.length} entries`,
    );
    paths.push([
      "customer timeline, a rep's customer (first 50)",
      () => crm.accounts.timeline(rep, customer, { limit: 50 }),
    ]);
    paths.push([
      'morning review, manager of 50',
      () => morningReview(crm, org.bigManager, { day: '2026-12-02', findDuplicates: false }),
    ]);

    for (const [name, fn] of paths) {
      if (skipped(name)) continue;
      const r = await latency(fn);
      record({ engine, size, name, ...r });
      if (PLANS !== undefined && size === Math.max(...SIZES))
        keepPlan(await planOf(opened, engine, size, name, fn));
    }

    const owners = [...subtree];
    const month = engine === 'sqlite' ? 'substr(incurred_on, 1, 7)' : "to_char(incurred_on, 'YYYY-MM')";
    const closedMonth =
      engine === 'sqlite' ? 'substr(closed_at, 1, 7)' : "to_char(closed_at at time zone 'UTC', 'YYYY-MM')";
    const closedFrom = `${period.from}T00:00:00.000Z`;
    const closedTo = `${period.to}T00:00:00.000Z`;
    for (const [by, key, dealKey] of [
      ['salesperson', 'owner_id', 'owner_id'],
      ['month', month, closedMonth],
    ] as const) {
      const name = `cost rollup by ${by}, head of the tree`;
      if (skipped(name)) continue;
      const r = await against(
        () => costRollup(crm, org.vp, { by, from: period.from, to: '2026-06-30' }),
        async () => {
          await opened.raw(
            `select ${key} as k, currency, count(*) as n, sum(amount_minor) as amount from cost_entries
             where tenant_id = ? and incurred_on >= ? and incurred_on < ? and owner_id in (${scoped(owners)})
             group by 1, 2`,
            [TENANT, period.from, period.to, ...owners],
          );
          await opened.raw(
            `select ${dealKey} as k, currency, count(*) as n, sum(amount_minor) as amount from opportunities
             where tenant_id = ? and stage = 'won' and closed_at >= ? and closed_at < ? and owner_id in (${scoped(owners)})
             group by 1, 2`,
            [TENANT, closedFrom, closedTo, ...owners],
          );
        },
      );
      record({ engine, size, name, ...r });
      if (PLANS !== undefined && size === Math.max(...SIZES))
        keepPlan(
          await planOf(opened, engine, size, name, () =>
            costRollup(crm, org.vp, { by, from: period.from, to: '2026-06-30' }),
          ),
        );
    }
  } finally {
    await opened.close();
  }
}

/**
 * A customer with a story among the n records, made through commands: ten leads converted into
 * ten deals on one account, three costs on each deal and thirty visits on the account. Made once
 * per kept seed (its id is kept in the seed's mark), so rerunning reads the same timeline.
 */
async function timelineCustomer(crm: Crm, engine: string, size: number, rep: string): Promise<string> {
  const file = markFile(engine, size);
  const mark = file === undefined ? undefined : (JSON.parse(readFileSync(file, 'utf8')) as SeedMark);
  if (mark?.timelineAccountId !== undefined) return mark.timelineAccountId;
  let accountId: string | undefined;
  for (let i = 0; i < 10; i++) {
    const lead = await crm.leads.capture(rep, {
      source: 'inbound_call',
      receivedAt: `2026-11-${String(10 + i).padStart(2, '0')}T09:15:00+08:00`,
      company: '时间线客户有限公司',
      contact: { name: `联系人 ${i}`, phone: `0531-8888 000${i}` },
      channel: 'key_account',
      region: { province: '37' },
    });
    await crm.leads.logContact(rep, lead.id, {
      kind: 'visit',
      at: `2026-11-${String(10 + i).padStart(2, '0')}T10:00:00+08:00`,
      outcome: { metWith: `联系人 ${i}`, opinion: 'positive', summary: '需要方案', newRequirements: [] },
    });
    const { opportunity } = await crm.leads.convert(rep, lead.id, {
      account: accountId === undefined ? { kind: 'end_user' } : { existingId: accountId },
      requiredDelivery: '2027-06-30',
      region: { province: '37' },
    });
    accountId = opportunity.accountId ?? undefined;
    for (let c = 0; c < 3; c++)
      await crm.costs.record(rep, {
        category: 'travel',
        amount: { amount: 500_00 + c, currency: 'CNY' },
        incurredOn: `2026-11-${String(10 + i).padStart(2, '0')}`,
        opportunityId: opportunity.id,
      });
  }
  if (accountId === undefined) throw new Error('no account');
  for (let v = 0; v < 30; v++)
    await crm.activities.schedule(rep, {
      kind: 'visit',
      subject: `拜访 ${v}`,
      startAt: `2026-11-${String(1 + (v % 28)).padStart(2, '0')}T02:00:00.000Z`,
      accountId,
    });
  if (file !== undefined && mark !== undefined)
    writeFileSync(file, `${JSON.stringify({ ...mark, timelineAccountId: accountId }, null, 2)}\n`);
  return accountId;
}

/** Imports the tenant; with `--seed-dir` writes the mark that makes the seed reusable. */
async function seedTenant(engine: string, size: number, opened: Opened): Promise<SeedMark> {
  const out: { dataset?: import('./read-data.js').Dataset } = {};
  // A kept seed stopped after its import finished (during the vacuum, before the mark): the tenant
  // is listed, so only the mark is missing.
  if (REUSE && (await opened.storage.tenants.get(TENANT)) !== null) {
    tenantRows(TENANT, size, templates, out).next();
    if (engine === 'postgres') await opened.raw('vacuum analyze', []);
    return writeMark(engine, size, out.dataset, { seconds: 0, peak: 0, importFoundComplete: true });
  }
  const started = performance.now();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  let next = 0;
  let resumedAt: number | undefined;
  let lastLine = { done: 0, at: started, cpu: process.cpuUsage() };
  let imported = 0;
  const tenant = { id: TENANT, name: 'Acme', createdAt: '2025-01-01T00:00:00.000Z' };
  const progress = (done: number) => {
    // SQLite's import keeps the event loop busy: the sampler seldom runs, so sample here too.
    peak = Math.max(peak, process.memoryUsage().rss);
    if (done < next) return;
    next = done + 100_000;
    const now = performance.now();
    const s = ((now - started) / 1000).toFixed(0);
    // Wall rate, and this process's CPU per 1,000 rows (SQLite: all of the work, whatever the load).
    const cpu = process.cpuUsage(lastLine.cpu);
    const cpuPerK = ((cpu.user + cpu.system) / 1000 / (done - lastLine.done)) * 1000;
    const rate =
      lastLine.done === 0
        ? ''
        : `, ${Math.round(((done - lastLine.done) * 1000) / (now - lastLine.at)).toLocaleString('en-US')} rows/s and ${Math.round(cpuPerK)} CPU ms per 1,000 rows since the last line`;
    lastLine = { done, at: now, cpu: process.cpuUsage() };
    console.error(
      `read paths: ${engine} ${size}: ${done.toLocaleString('en-US')} rows in ${s} s${rate}, RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB, peak ${Math.round(peak / 2 ** 20)} MiB, load ${loadNow()}`,
    );
  };
  if (SEED_BY === 'bulk' && opened.file !== undefined) {
    const raw = new Database(opened.file);
    try {
      imported = bulkSeedSqlite({
        db: raw,
        tenant,
        rows: () => tenantRows(TENANT, size, templates, out),
        onProgress: progress,
      });
      await analyzeAsImported(raw);
    } finally {
      raw.close();
    }
  } else if (SEED_BY === 'bulk' && opened.server !== undefined) {
    const copied = await copySeed({
      ...opened.server,
      tenant,
      rows: () => tenantRows(TENANT, size, templates, out),
      onProgress: progress,
    });
    imported = copied.rows;
    console.error(
      `read paths: postgres ${size}: COPY seed, server CPU ${(copied.serverCpuMs / 1000).toFixed(1)} s, this process ${(process.cpuUsage().user / 1e6).toFixed(1)} s user`,
    );
  } else
    await opened.storage.tenants.importRows(tenant, tenantRows(TENANT, size, templates, out), {
      ...(CHUNK === undefined ? {} : { rowsPerTransaction: CHUNK }),
      onProgress: ({ done }) => {
        resumedAt ??= done - (CHUNK ?? 128);
        imported = done;
        progress(done);
      },
    });
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const expected = tenantRowCount(size, out.dataset?.org.size ?? 0);
  if (imported > 0 && imported !== expected)
    throw new Error(`imported ${imported} rows, the generator's count says ${expected}`);
  // A database in service is vacuumed (autovacuum sets the visibility map that index-only scans
  // need); right after a bulk load it is not yet, so do what autovacuum would.
  if (engine === 'postgres') await opened.raw('vacuum analyze', []);
  return writeMark(engine, size, out.dataset, {
    seconds,
    peak,
    ...(resumedAt !== undefined && resumedAt > 0 ? { resumedAfterRows: resumedAt } : {}),
  });
}

/** The mark of a whole seed, written beside it when it is kept. */
function writeMark(
  engine: string,
  size: number,
  dataset: import('./read-data.js').Dataset | undefined,
  run: { seconds: number; peak: number; resumedAfterRows?: number; importFoundComplete?: boolean },
): SeedMark {
  if (dataset === undefined) throw new Error('no dataset');
  const { seconds, peak, ...rest } = run;
  const mark: SeedMark = {
    dataset,
    rows: tenantRowCount(size, dataset.org.size),
    seconds,
    peakRssMiB: Math.round(peak / 2 ** 20),
    seededAt: new Date().toISOString(),
    ...rest,
    load: loadNow(),
  };
  console.error(
    `read paths: ${engine} ${size}: seeded in ${seconds.toFixed(1)} s, peak RSS ${mark.peakRssMiB} MiB`,
  );
  const file = markFile(engine, size);
  if (file !== undefined) writeFileSync(file, `${JSON.stringify(mark, null, 2)}\n`);
  return mark;
}

const loadNow = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** The plans of the statements one call makes (the set-up statements left out). */
async function planOf(
  opened: Opened,
  engine: string,
  size: number,
  name: string,
  fn: () => Promise<unknown>,
) {
  opened.trace.start();
  await fn();
  const statements = opened.trace
    .stop()
    .filter((s) => /^\s*select/i.test(s.sql) && !/set_config|org_epoch/.test(s.sql));
  const parts: string[] = [];
  for (const s of statements) {
    parts.push(`${s.sql.replace(/\s+/g, ' ').slice(0, 400)}\n${await opened.explain(s.sql, s.params)}`);
  }
  return `### ${engine}, ${size.toLocaleString('en-US')}: ${name}\n\n\`\`\`\n${parts.join('\n\n')}\n\`\`\`\n`;
}

for (const engine of ENGINES) {
  for (const size of SIZES) {
    try {
      await runSize(engine, size);
    } catch (error) {
      if (engine === 'postgres' && String(error).includes('ECONNREFUSED')) {
        console.error(`read paths: no PostgreSQL server at ${PG_URL}; skipped`);
        break;
      }
      throw error;
    }
  }
}

console.log(`Read paths: ${machineLine(`${CALLS} calls per path after ${WARM_UP_CALLS} warm-up calls`)}`);
console.log('');
console.log('Bulk import (the seed): rows are every table of the tenant.');
console.log('');
console.log('| engine | records per kind | rows | seconds | rows/s | peak RSS MiB |');
console.log('|---|---:|---:|---:|---:|---:|');
console.log(seeding.join('\n'));
console.log('');
const names = [...new Set(results.map((r) => r.name))];
for (const engine of ENGINES) {
  const mine = results.filter((r) => r.engine === engine);
  if (mine.length === 0) continue;
  const sizes = [...new Set(mine.map((r) => r.size))];
  const head = [
    'path',
    ...sizes.map((s) => `${s.toLocaleString('en-US')}: p50 / p95 ms (CPU ms per call)`),
    'vs baseline (largest): walked page or hand-written SQL',
  ];
  const rows = names.map((name) => {
    const cells = sizes.map((s) => {
      const r = mine.find((x) => x.name === name && x.size === s);
      return r ? `${fmtMs(r.p50)} / ${fmtMs(r.p95)} (${fmtMs(r.cpu)})` : '–';
    });
    const last = mine.find((x) => x.name === name && x.size === sizes[sizes.length - 1]);
    const base = last?.baseline
      ? `${fmtMs(last.baseline.p50)} ms, ratio ${fmtRatio(last.baseline.ratio)}`
      : '';
    return [name, ...cells, base];
  });
  console.log(`${engine === 'sqlite' ? 'SQLite (WAL file)' : 'PostgreSQL (server, pipelined pg pool)'}:`);
  console.log('');
  console.log(table(head, rows));
  console.log('');
}
if (PLANS !== undefined) {
  writePlans(PLANS);
  console.log(`Plans of every statement at the largest size: ${PLANS}`);
}
