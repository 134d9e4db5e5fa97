/**
 * Bulk work beside commands (issue 15 part 3): while a tenant import and a dedupe key build run on a
 * SQLite file, another process (its own connection, as a second app server would have) runs a
 * command every ~10 ms in the default tenant and records how long each took. Each bulk job runs
 * twice in the same session: as one big write transaction (the before) and in short transactions
 * (the after), each on a fresh copy of the same file.
 *
 *   npx tsx bench/bulk-work.bench.ts [--n 100000] [--pg postgres://…] [--after-only] [--pg-only] [--page 10]
 *     [--only import] [--probe-step 0] [--wal-limit MiB] [--build-minutes M] [--trace]
 *
 * With `--pg` the key build also runs on PostgreSQL (a fresh schema) beside the same probe. The
 * import runs in a process of its own, which reports its peak resident set (the export file is
 * written line by line, so a million deals fit). `--probe-step 0` makes the probe wait with
 * SQLite's own busy handler (`sqliteStorage({ busyStepMs: 0 })`) instead of Gongfu's 1 ms steps.
 * `--trace` times the probe's commands by phase (lock wait, statements, COMMIT, its own
 * checkpoints) and the key build's or the importer's checkpoints beside them (sqlite-trace.ts), and prints the
 * slowest commands with what overlapped them. Every SQLite run reports the largest WAL file seen.
 */
const { runFromSource } = await import('./support.js');
runFromSource(8192);

const { fork } = await import('node:child_process');
const { copyFileSync, createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } = await import(
  'node:fs'
);
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const { createInterface } = await import('node:readline');
const { createCrm, createTenantAdmin, DEFAULT_TENANT_ID } = await import('@gongfu/core');
type CrmStorage = import('@gongfu/core').CrmStorage;
type TenantRow = import('@gongfu/core').TenantRow;
const { sqliteStorage } = await import('@gongfu/storage-sqlite');
const { refreshDedupeIndex, REFRESH_PAGE } = await import('@gongfu/reports');
const { argValue, machineLine, quantile, table } = await import('./measure.js');
const { default: Database } = await import('better-sqlite3');
const { overlapping, phasesOf, traced } = await import('./sqlite-trace.js');
type TraceEvent = import('./sqlite-trace.js').TraceEvent;
/** `--trace`: the probe's commands and the key build's checkpoints timed (sqlite-trace.ts). */
const TRACE = process.argv.includes('--trace');

const TENANT = 'bench';
/** A command every this many ms. */
const PROBE_EVERY_MS = 10;

/** Opens the storage; with `--trace` its handle's BEGIN, COMMIT and checkpoints go into `events`. */
type Open = (events?: TraceEvent[]) => Promise<CrmStorage>;

/** The probe process: a command every ~10 ms in the default tenant; its timings on request. */
async function probe(open: Open): Promise<void> {
  const events: TraceEvent[] = [];
  const storage = await open(TRACE ? events : undefined);
  const crm = createCrm({ storage, tenant: DEFAULT_TENANT_ID });
  const admin = await crm.users.create(crm.system, { name: 'probe', role: 'admin' });
  // [when it began, how long it took, how late it began]: late = its start after the planned one
  // (10 ms after the last began): the event loop held by this process's own work, such as a
  // checkpoint copying another process's log, which a command's own time does not show.
  const samples: [at: number, ms: number, late: number][] = [];
  let running = true;
  let planned = performance.now();
  process.on('message', (m) => {
    if (m === 'stop') running = false;
  });
  process.send?.('ready');
  for (let i = 0; running; i++) {
    const t = performance.now();
    const at = performance.timeOrigin + t;
    await crm.accounts.create(admin, { name: `探针客户 ${process.pid} ${i}`, kind: 'end_user' });
    samples.push([at, performance.now() - t, Math.max(0, t - planned)]);
    planned = Math.max(t + PROBE_EVERY_MS, performance.now());
    if (TRACE) events.push(['command', at, performance.timeOrigin + performance.now()]);
    await new Promise((r) => setTimeout(r, Math.max(0, PROBE_EVERY_MS - (performance.now() - t))));
  }
  // Closed first (its last checkpoint written): the bench copies the file once it has the samples.
  await storage.close();
  process.send?.({ samples, events }, () => process.exit(0));
  // Nothing more runs here: the process ends in the callback above.
  await new Promise(() => {});
}

const PROBE_STEP = argValue('--probe-step');
const IMPORTER_STEP = argValue('--importer-step');
/** `--wal-limit MiB`: every SQLite connection's `walLimitMiB` (default the storage's, 64). */
const WAL_LIMIT = argValue('--wal-limit');
const walLimit = WAL_LIMIT === undefined ? {} : { walLimitMiB: Number(WAL_LIMIT) };
/** The flag again for a child process (the probe, the importer, the exporter). */
const walLimitArgs = WAL_LIMIT === undefined ? [] : ['--wal-limit', WAL_LIMIT];
/** `--probe-step` again for the probe process, which reads its own argv (it was not passed before). */
const probeStepArgs = PROBE_STEP === undefined ? [] : ['--probe-step', PROBE_STEP];
/**
 * `--build-minutes M`: the key build stops after M minutes (its next page is refused; a build
 * stopped so resumes, see `refreshDedupeIndex`), and the figures are those seen until then — a
 * bounded window of a 1M build, which whole takes hours.
 */
const BUILD_MINUTES = argValue('--build-minutes');
const sqliteOpen =
  (file: string): Open =>
  (events) =>
    // The probe waits as long as it takes (the default busy timeout of 5 s would fail the before).
    sqliteStorage({
      ...(events === undefined ? { filename: file } : { database: traced(new Database(file), events) }),
      busyTimeoutMs: 600_000,
      cacheSizeMiB: 256,
      ...walLimit,
      ...(PROBE_STEP === undefined ? {} : { busyStepMs: Number(PROBE_STEP) }),
    });

const pgOpen =
  (url: string, schema: string): Open =>
  async () => {
    const { postgresStorage } = await import('@gongfu/storage-postgres');
    return postgresStorage({ connectionString: url }, { schema, migrate: true });
  };

/** The importer process: imports the export file into the database, reports its figures. */
async function importer(file: string, exportFile: string, rowsPerTransaction: number | undefined) {
  const step = argValue('--importer-step');
  // `--trace`: the importer's checkpoints, to set beside the probe's slowest commands.
  const events: TraceEvent[] = [];
  const storage = await sqliteStorage({
    ...(TRACE ? { database: traced(new Database(file), events) } : { filename: file }),
    busyTimeoutMs: 600_000,
    cacheSizeMiB: 256,
    ...walLimit,
    ...(step === undefined ? {} : { busyStepMs: Number(step) }),
  });
  const held: number[] = [];
  const commits: number[] = [];
  const from = Date.now();
  const started = performance.now();
  await storage.tenants.importRows(
    { id: TENANT, name: 'bench', createdAt: new Date().toISOString() as never },
    exportRows(exportFile),
    {
      ...(rowsPerTransaction === undefined ? {} : { rowsPerTransaction }),
      onProgress: ({ transactionMs }) => {
        held.push(transactionMs);
        commits.push(performance.timeOrigin + performance.now());
      },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  await storage.close();
  // ru_maxrss: the peak resident set of this process, in KiB on Linux.
  const to = Date.now();
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  // The file is whole after the import (two processes wrote it), checked with SQLite's quick_check.
  const raw = new Database(file, { readonly: true });
  const check = raw.pragma('quick_check', { simple: true });
  raw.close();
  if (check !== 'ok') console.error(`quick_check of ${file}: ${String(check)}`);
  // Exit once the message is out: a million rows' figures are a large message, and exiting at once
  // dropped it (the 1M run of 2026-12-05 lost its figures so).
  const checkpoints = events.filter(([kind]) => kind === 'checkpoint');
  process.send?.({ held, commits, seconds, from, to, peakRssMiB, check, checkpoints }, () => process.exit(0));
  await new Promise(() => {});
}

/** The export's rows, read from the file as the import reads it (header and end line skipped). */
async function* exportRows(exportFile: string): AsyncGenerator<TenantRow> {
  for await (const line of createInterface({ input: createReadStream(exportFile), crlfDelay: Infinity })) {
    const parsed = JSON.parse(line) as TenantRow & { format?: string; end?: boolean };
    if (parsed.format === undefined && parsed.end === undefined)
      yield { table: parsed.table, row: parsed.row };
  }
}

/**
 * The exporter process: the tenant's export through the operator's handle, written to a file line by
 * line as an operator's script would; reports its peak resident set (the export must stream).
 */
async function exporter(file: string, out: string) {
  const storage = await sqliteStorage({ filename: file, busyTimeoutMs: 600_000, ...walLimit });
  const from = Date.now();
  const started = performance.now();
  const stream = createWriteStream(out);
  let lines = 0;
  for await (const line of createTenantAdmin(storage).export(TENANT)) {
    lines++;
    if (!stream.write(`${line}\n`))
      await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => stream.end(() => resolve()));
  const seconds = (performance.now() - started) / 1000;
  await storage.close();
  const to = Date.now();
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  process.send?.({ seconds, from, to, peakRssMiB, lines }, () => process.exit(0));
  await new Promise(() => {});
}

if (process.argv.includes('--exporter'))
  await exporter(argValue('--exporter') ?? '', argValue('--out') ?? '');

if (process.argv.includes('--importer')) {
  const chunk = argValue('--chunk');
  await importer(
    argValue('--importer') ?? '',
    argValue('--export') ?? '',
    chunk === undefined ? undefined : Number(chunk),
  );
}

if (process.argv.includes('--probe')) {
  const url = argValue('--probe-pg');
  await probe(url ? pgOpen(url, argValue('--schema') ?? '') : sqliteOpen(argValue('--probe') ?? ''));
}

const N = Number(argValue('--n') ?? 100_000);
const PG = argValue('--pg');
/** Skip the one-transaction runs (the before), e.g. when they were measured earlier in the session. */
const AFTER_ONLY = process.argv.includes('--after-only');
/** `--page N` fixes the pages' size; without it the build sizes them by their lock time (SQLite). */
const PAGE = argValue('--page') === undefined ? undefined : Number(argValue('--page'));
/** Only the PostgreSQL runs. */
const PG_ONLY = process.argv.includes('--pg-only');
/** Only one of the SQLite jobs. */
const ONLY = argValue('--only');

/** Starts the probe against a database; `stop` returns the command times taken in between. */
async function startProbe(args: string[]) {
  const child = fork(
    process.argv[1] as string,
    ['--probe', ...args, ...walLimitArgs, ...probeStepArgs, ...(TRACE ? ['--trace'] : [])],
    { execArgv: process.execArgv },
  );
  await new Promise<void>((resolve) => child.once('message', () => resolve()));
  // A probe that dies mid-job says how (otherwise only the closed channel shows, at its stop).
  const exited = (code: number | null, signal: string | null) =>
    console.error(`the probe exited early: code ${code}, signal ${signal}`);
  child.once('exit', exited);
  return {
    stop: () =>
      new Promise<{ samples: [number, number, number][]; events: TraceEvent[] }>((resolve) => {
        child.once('message', (m) => {
          child.off('exit', exited);
          resolve(m as { samples: [number, number, number][]; events: TraceEvent[] });
        });
        child.send('stop');
      }),
  };
}

/**
 * The storage with its write transactions timed from their first statement (the lock taken: BEGIN
 * IMMEDIATE has returned) to the commit: on SQLite, how long each held the write lock.
 */
let held: number[] = [];
/** When each of the job's write transactions committed (ms since the epoch, sub-ms). */
let commits: number[] = [];
/** Thrown instead of a write transaction once the build's window (`--build-minutes`) has passed. */
class WindowEnded extends Error {}
function timed(storage: CrmStorage, until = Infinity): CrmStorage {
  return {
    ...storage,
    transaction: async (options, fn) => {
      if (Date.now() > until) throw new WindowEnded();
      let began = 0;
      try {
        return await storage.transaction(options, (tx) => {
          began = performance.now();
          return fn(tx);
        });
      } finally {
        if (began > 0) {
          held.push(performance.now() - began);
          commits.push(performance.timeOrigin + performance.now());
        }
      }
    },
  };
}

interface Row {
  job: string;
  /** Key build: the deals written (or found keyed) by its pages, and so the lock held per deal. */
  deals?: number;
  /** The importer process's peak resident set, MiB. */
  peakRssMiB?: number;
  /** Write transactions of the job (SQLite: lock held), and the longest. */
  txs: number;
  heldP50: number;
  heldP99: number;
  heldMax: number;
  how: string;
  seconds: number;
  commands: number;
  p50: number;
  p99: number;
  max: number;
  /** Sum of the job's write transactions' times (the lock held, on SQLite). */
  lockMs: number;
  /** Share of the commands during the job that let a gap between its transactions go by. */
  missedGap: number;
  /** SQLite: the largest WAL file seen during the job (sampled every 10 ms), MiB. */
  walMaxMiB?: number;
  /** How late the probe's commands began (its event loop held by its own checkpoints), p99 and max ms. */
  lateP99: number;
  lateMax: number;
}
const rows: Row[] = [];

/** The index of the first of the sorted `times` later than `at` (its length when none is). */
function firstAfter(times: readonly number[], at: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) > at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The largest of many figures (a spread into Math.max overflows the stack past ~100k: an hour's probe at 1M). */
const largest = (xs: readonly number[]) =>
  xs.reduce((most, x) => Math.max(most, x), Number.NEGATIVE_INFINITY);

/** The key build's own trace (`--trace`): its BEGIN, COMMIT and checkpoints. */
let jobEvents: TraceEvent[] = [];

/** `--trace`: the slowest commands by phase, what of the job overlapped them, both sides' checkpoints. */
function traceReport(probeEvents: readonly TraceEvent[], from: number, to: number) {
  const commands = probeEvents.filter(([kind, start]) => kind === 'command' && start >= from && start <= to);
  const timed = commands.map(([, start, end]) => ({ start, end, ...phasesOf(probeEvents, start, end) }));
  const cut = quantile(
    timed.map((c) => c.total),
    0.99,
  );
  const overlaps = (c: { start: number; end: number }, mode: string) =>
    jobEvents.some(
      ([kind, start, end, detail]) =>
        kind === 'checkpoint' && detail?.startsWith(mode) && end >= c.start && start <= c.end,
    );
  const describe = (label: string, group: typeof timed) => {
    const mean = (f: (c: (typeof timed)[number]) => number) =>
      (group.reduce((sum, c) => sum + f(c), 0) / Math.max(1, group.length)).toFixed(1);
    console.error(
      `${label}: ${group.length} commands; mean ms total ${mean((c) => c.total)} = own checkpoint ${mean((c) => c.ownCheckpoint)} + lock wait ${mean((c) => c.lockWait)} (${mean((c) => c.busyTries)} busy tries) + statements ${mean((c) => c.statements)} + commit ${mean((c) => c.commit)} + other ${mean((c) => c.other)}; with own checkpoint ${group.filter((c) => c.ownCheckpoint > 0).length}, beside the job's PASSIVE ${group.filter((c) => overlaps(c, 'PASSIVE')).length}, TRUNCATE ${group.filter((c) => overlaps(c, 'TRUNCATE')).length}, RESTART ${group.filter((c) => overlaps(c, 'RESTART')).length}`,
    );
  };
  describe('all', timed);
  describe(
    `slowest 1% (>= ${cut.toFixed(1)} ms)`,
    timed.filter((c) => c.total >= cut),
  );
  for (const mode of ['PASSIVE', 'TRUNCATE', 'RESTART']) {
    const beside = timed.filter((c) => overlaps(c, mode)).map((c) => c.total);
    if (beside.length > 0)
      console.error(
        `  beside the job's ${mode}: ${beside.length} commands, p50 ${quantile(beside, 0.5).toFixed(1)} p99 ${quantile(beside, 0.99).toFixed(1)} max ${largest(beside).toFixed(1)}`,
      );
  }
  const clear = timed.filter((c) => !overlaps(c, '') && c.ownCheckpoint === 0).map((c) => c.total);
  console.error(
    `  beside no checkpoint: ${clear.length} commands, p50 ${quantile(clear, 0.5).toFixed(1)} p99 ${quantile(clear, 0.99).toFixed(1)} max ${largest(clear).toFixed(1)}`,
  );
  for (const [who, events] of [
    ['probe', probeEvents],
    ['job', jobEvents],
  ] as const) {
    const byMode = new Map<string, number[]>();
    for (const [kind, start, end, detail] of events) {
      if (kind !== 'checkpoint' || end < from || start > to) continue;
      const key = detail ?? '';
      const mode = key.split(' ')[0] ?? '';
      const busy = key.includes('"busy":1') || key.includes('SQLITE_BUSY') ? ' busy' : '';
      const list = byMode.get(mode + busy) ?? [];
      list.push(end - start);
      byMode.set(mode + busy, list);
    }
    for (const [mode, ms] of byMode)
      console.error(
        `  ${who} checkpoints ${mode}: ${ms.length}, ms p50 ${quantile(ms, 0.5).toFixed(1)} p99 ${quantile(ms, 0.99).toFixed(1)} max ${largest(ms).toFixed(1)}`,
      );
  }
  for (const c of [...timed].sort((x, y) => y.total - x.total).slice(0, 12))
    console.error(
      `  ${c.total.toFixed(1)} ms at ${((c.start - from) / 1000).toFixed(1)} of ${((to - from) / 1000).toFixed(1)} s: own ckpt ${c.ownCheckpoint.toFixed(1)}, wait ${c.lockWait.toFixed(1)} (${c.busyTries} busy), stmts ${c.statements.toFixed(1)}, commit ${c.commit.toFixed(1)}, other ${c.other.toFixed(1)} | job: ${overlapping(jobEvents, c.start, c.end)}`,
    );
}

/** Runs `job` while the probe runs commands; records the waits of the commands issued during it. */
async function beside(probeArgs: string[], job: string, how: string, run: () => Promise<unknown>) {
  const p = await startProbe(probeArgs);
  await new Promise((r) => setTimeout(r, 300));
  held = [];
  commits = [];
  // A SQLite job: its WAL file's size sampled (the limiter's point is that it stays bounded).
  const wal = probeArgs[0]?.startsWith('--') ? undefined : `${probeArgs[0]}-wal`;
  let walMax = 0;
  const sampler =
    wal === undefined
      ? undefined
      : setInterval(() => {
          walMax = Math.max(walMax, statSync(wal, { throwIfNoEntry: false })?.size ?? 0);
        }, 10);
  let from = Date.now();
  const window = await run();
  let to = Date.now();
  if (sampler !== undefined) clearInterval(sampler);
  // A job in a process of its own says when it worked (its start-up is not the job).
  if (typeof window === 'object' && window !== null && 'from' in window && 'to' in window) {
    ({ from, to } = window as { from: number; to: number });
  }
  const stopped = await p.stop();
  const during = stopped.samples.filter(([at]) => at >= from && at <= to);
  if (TRACE) traceReport(stopped.events, from, to);
  const samples = during.map(([, ms]) => ms);
  const late = during.map(([, , ms]) => ms);
  // A command that saw two of the job's commits while it waited let at least one gap between the
  // job's transactions go by: the lock was free and it did not take it.
  commits.sort((a, b) => a - b);
  // By bisection: at 1M a job commits ~70k times beside ~60k commands, too many to scan per command.
  const missed = during.filter(
    ([at, ms]) => (commits[firstAfter(commits, at) + 1] ?? Infinity) < at + ms,
  ).length;
  const row: Row = {
    job,
    how,
    seconds: (to - from) / 1000,
    commands: samples.length,
    p50: quantile(samples, 0.5),
    p99: quantile(samples, 0.99),
    max: largest(samples),
    missedGap: samples.length === 0 ? 0 : missed / samples.length,
    txs: held.length,
    heldP50: quantile(held, 0.5),
    heldP99: quantile(held, 0.99),
    heldMax: largest(held),
    lockMs: held.reduce((sum, ms) => sum + ms, 0),
    lateP99: quantile(late, 0.99),
    lateMax: largest(late),
    ...(wal === undefined ? {} : { walMaxMiB: walMax / 2 ** 20 }),
  };
  rows.push(row);
  console.error(JSON.stringify(row));
  return row;
}

const { generate } = await import('./duplicates-data.js');
const { exportLines, templates } = await import('./deal-export-lines.js');
const dir = mkdtempSync(join(tmpdir(), 'gongfu-bulk-bench-'));
const exportFile = join(dir, 'export.jsonl');
{
  const { records } = generate(N);
  // Line by line: a million deals' lines joined would pass V8's longest string.
  const out = createWriteStream(exportFile);
  for (const line of exportLines(records, await templates(), TENANT, 60)) {
    if (!out.write(`${line}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

/** Imports in a process of its own (its peak resident set measured), beside the probe. */
async function importInto(file: string, how: 'one' | 'short'): Promise<void> {
  let peak = 0;
  const row = await beside(
    [file],
    'tenant import',
    how === 'one' ? 'one transaction (before)' : 'short transactions',
    async () => {
      const child = fork(
        process.argv[1] as string,
        [
          '--importer',
          file,
          '--export',
          exportFile,
          ...(how === 'one' ? ['--chunk', String(Number.MAX_SAFE_INTEGER)] : []),
          ...(IMPORTER_STEP === undefined ? [] : ['--importer-step', IMPORTER_STEP]),
          ...walLimitArgs,
          ...(TRACE ? ['--trace'] : []),
        ],
        { execArgv: process.execArgv },
      );
      type Result = {
        held: number[];
        commits: number[];
        peakRssMiB: number;
        from: number;
        to: number;
        checkpoints: TraceEvent[];
      };
      const result = await new Promise<Result>((resolve, reject) => {
        child.once('message', (m) => resolve(m as Result));
        child.once('exit', (code) => reject(new Error(`the importer exited with ${code}`)));
      });
      for (const ms of result.held) held.push(ms);
      for (const at of result.commits) commits.push(at);
      peak = result.peakRssMiB;
      jobEvents = result.checkpoints;
      return { from: result.from, to: result.to };
    },
  );
  row.peakRssMiB = peak;
  console.error(`import peak RSS ${peak.toFixed(0)} MiB`);
}

/** Exports the imported tenant in a process of its own (its peak resident set measured), beside the probe. */
async function exportFrom(file: string): Promise<void> {
  let peak = 0;
  let lines = 0;
  const row = await beside([file], 'tenant export', 'one stream, to a file', async () => {
    const child = fork(
      process.argv[1] as string,
      ['--exporter', file, '--out', join(dir, 'again.jsonl'), ...walLimitArgs],
      {
        execArgv: process.execArgv,
      },
    );
    type Result = { peakRssMiB: number; lines: number; from: number; to: number };
    const result = await new Promise<Result>((resolve, reject) => {
      child.once('message', (m) => resolve(m as Result));
      child.once('exit', (code) => reject(new Error(`the exporter exited with ${code}`)));
    });
    peak = result.peakRssMiB;
    lines = result.lines;
    return { from: result.from, to: result.to };
  });
  row.peakRssMiB = peak;
  rmSync(join(dir, 'again.jsonl'), { force: true });
  console.error(`export of ${lines} lines, peak RSS ${peak.toFixed(0)} MiB`);
}

async function buildKeys(file: string, how: 'one' | 'short'): Promise<void> {
  jobEvents = [];
  const storage = await sqliteOpen(file)(TRACE ? jobEvents : undefined);
  const until = BUILD_MINUTES === undefined ? Infinity : Date.now() + Number(BUILD_MINUTES) * 60_000;
  const crm = createCrm({ storage: timed(storage, until), tenant: TENANT });
  let deals = 0;
  const row = await beside(
    [file],
    'dedupe key build',
    `${
      how === 'one'
        ? 'one write transaction (before)'
        : PAGE === undefined
          ? `pages sized by their lock time (first ${REFRESH_PAGE})`
          : `pages of ${PAGE}`
    }${BUILD_MINUTES === undefined ? '' : `, stopped after ${BUILD_MINUTES} min`}`,
    () =>
      refreshDedupeIndex(crm, {
        ...(how === 'one'
          ? { pageSize: Number.MAX_SAFE_INTEGER }
          : PAGE === undefined
            ? {}
            : { pageSize: PAGE }),
        onProgress: ({ done }) => {
          deals = done;
        },
      }).catch((error: unknown) => {
        if (!(error instanceof WindowEnded)) throw error;
      }),
  );
  row.deals = deals;
  console.error(
    `key build: ${deals} deals, lock held ${(row.lockMs / Math.max(1, deals)).toFixed(2)} ms per deal`,
  );
  await storage.close();
}

const base = join(dir, 'base.db');
await (await sqliteOpen(base)()).close();
// The noise floor: the probe alone for 10 s, no bulk job (the machine is shared).
await beside([base], 'nothing (the probe alone)', '—', () => new Promise((r) => setTimeout(r, 10_000)));
const files = { one: join(dir, 'one.db'), short: join(dir, 'short.db') };
copyFileSync(base, files.one);
copyFileSync(base, files.short);
if (!PG_ONLY) {
  if (!AFTER_ONLY) await importInto(files.one, 'one');
  await importInto(files.short, 'short');
  if (ONLY !== 'key build') await exportFrom(files.short);
  if (ONLY !== 'import') {
    if (!AFTER_ONLY) await buildKeys(files.one, 'one');
    await buildKeys(files.short, 'short');
  }
}

/**
 * PostgreSQL: samples every 5 ms how many sessions wait for a lock (pg_stat_activity) while `run`
 * runs; a command blocked by the bulk job would show here, CPU contention would not.
 */
async function lockWaits(url: string, run: () => Promise<unknown>): Promise<number> {
  const pg = await import('pg');
  const client = new pg.default.Client({ connectionString: url });
  await client.connect();
  let most = 0;
  let going = true;
  const sampling = (async () => {
    while (going) {
      const r = await client.query(
        `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`,
      );
      most = Math.max(most, r.rows[0].n as number);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  try {
    await run();
  } finally {
    going = false;
    await sampling;
    await client.end();
  }
  return most;
}
const pgLockWaits: string[] = [];

if (PG) {
  // A database of its own, so the lock-wait sampling sees only this bench's sessions.
  const schema = `gf_bulk_${Date.now().toString(36)}`;
  const admin = new (await import('pg')).default.Client({ connectionString: PG });
  await admin.connect();
  await admin.query(`create database ${schema}`);
  const url = new URL(PG);
  url.pathname = `/${schema}`;
  const DB = url.toString();
  const open = pgOpen(DB, schema);
  const storage = await open();
  const probeArgs = ['--probe-pg', DB, '--schema', schema];
  const waitsOf = (job: string, run: () => Promise<unknown>) => async () => {
    pgLockWaits.push(`${job}: at most ${await lockWaits(DB, run)} sessions waiting for a lock`);
  };
  await beside(
    probeArgs,
    'tenant import (PostgreSQL)',
    'short transactions',
    waitsOf('import', () =>
      storage.tenants.importRows(
        { id: TENANT, name: 'bench', createdAt: new Date().toISOString() as never },
        exportRows(exportFile),
        { onProgress: ({ transactionMs }) => held.push(transactionMs) },
      ),
    ),
  );
  const crm = createCrm({ storage: timed(storage), tenant: TENANT });
  await beside(
    probeArgs,
    'dedupe key build (PostgreSQL)',
    `pages of ${REFRESH_PAGE}`,
    waitsOf('key build', () => refreshDedupeIndex(crm)),
  );
  await storage.close();
  await admin.query(`drop database ${schema}`);
  await admin.end();
}
rmSync(dir, { recursive: true, force: true });

const f1 = (x: number) => x.toFixed(1);
console.log(machineLine(`N=${N.toLocaleString('en-US')} deals`));
console.log(
  table(
    [
      'job',
      'how',
      'wall s',
      'commands during it',
      'wait p50 ms',
      'p99 ms',
      'max ms',
      'missed a gap',
      'importer / exporter peak RSS MiB',
      'job write txs',
      'tx p50 ms',
      'p99 ms',
      'max ms',
      'lock ms per deal',
      'WAL max MiB',
      'probe began late p99 / max ms',
    ],
    rows.map((r) => [
      r.job,
      r.how,
      f1(r.seconds),
      String(r.commands),
      f1(r.p50),
      f1(r.p99),
      f1(r.max),
      r.txs === 0 ? '—' : `${(r.missedGap * 100).toFixed(1)} %`,
      r.peakRssMiB === undefined ? '—' : r.peakRssMiB.toFixed(0),
      r.txs === 0 ? '—' : String(r.txs),
      r.txs === 0 ? '—' : f1(r.heldP50),
      r.txs === 0 ? '—' : f1(r.heldP99),
      r.txs === 0 ? '—' : f1(r.heldMax),
      r.deals === undefined || r.deals === 0 ? '—' : (r.lockMs / r.deals).toFixed(2),
      r.walMaxMiB === undefined ? '—' : f1(r.walMaxMiB),
      `${f1(r.lateP99)} / ${f1(r.lateMax)}`,
    ]),
  ),
);
for (const line of pgLockWaits) console.log(`PostgreSQL ${line}`);
process.exit(0);

export {};
