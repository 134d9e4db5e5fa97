/**
 * SQLite commands against their raw baselines: capture, logContact, convert and advance through
 * `createCrm` on one WAL file, each beside a hand-written better-sqlite3 transaction doing the
 * same reads and writes (`raw-sqlite.ts`), in a tenant of its own on a second connection to the
 * same file. The org is a 200-person tree, as in a real sales company. Subject and baseline
 * alternate in rounds (which goes first alternates too); the ratio is the median of the rounds'
 * ratios, for throughput and for CPU time per command, with the lowest and highest round beside it.
 *
 * Steady state: before the first timed call each side runs every command `--warm` times (the same
 * rounds, unrecorded), so the figures are the commands' and not V8 compiling them (a few hundred
 * calls in, an advance still cost ~1.9M instructions of background compilation and GC).
 *
 *   npx tsx bench/service.bench.ts [--rounds 7] [--n 300] [--m 200] [--warm 2000] [--quick] [--trace]
 *     --n      captures per round and side
 *     --m      logContacts, converts and advances per round and side (at most --n)
 *     --trace  after the table, each measured round's time of every command on each side split into
 *              the calls during which V8 collected garbage (scavenge / mark-compact), the calls
 *              whose commit ran a WAL checkpoint (read from the -shm file's backfill count after
 *              every call) and the rest, with the round's slowest calls: what a low round is made of
 *     --checkpoint-each  empty the shared WAL (`wal_checkpoint(TRUNCATE)`, untimed) before each side's
 *              block of calls, so each side's checkpoints copy its own frames, not the other side's
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Account, Activity, Contact, Lead, Opportunity } from '@gongfu/core';
import Database from 'better-sqlite3';
import { contact, convertInput } from './command-inputs.js';
import {
  argValue,
  fmtInt,
  fmtMs,
  fmtRatio,
  fmtSpread,
  machineLine,
  Series,
  table,
  timeCalls,
} from './measure.js';
import { rawSqlite } from './raw-sqlite.js';
import { runFromSource } from './support.js';
import { callTracer } from './trace-calls.js';

runFromSource();

const { sqliteStorage } = await import('@gongfu/storage-sqlite');
const { openWorld, storyLead } = await import('@gongfu/service-suites');
const { addOrgTree } = await import('./org-tree.js');

const QUICK = process.argv.includes('--quick');
const ROUNDS = Math.max(1, Number(argValue('--rounds') ?? (QUICK ? 5 : 7)));
const N = Number(argValue('--n') ?? (QUICK ? 60 : 300));
const M = Math.max(1, Math.min(N, Number(argValue('--m') ?? (QUICK ? 60 : 200))));
const WARM = Number(argValue('--warm') ?? (QUICK ? 200 : 2000));
const TRACE = process.argv.includes('--trace');
const CHECKPOINT_EACH = process.argv.includes('--checkpoint-each');
const RAW_TENANT = 'raw_bench';
const AT = '2026-03-02T01:15:00.000Z';

const dir = mkdtempSync(join(tmpdir(), 'gongfu-service-bench-'));
try {
  const file = join(dir, 'service.db');
  const storage = await sqliteStorage({ filename: file });
  const { crm, org } = await openWorld(storage);
  const people = await addOrgTree(crm, org.admin, 200);
  const rep = org.repA;

  await storage.tenants.create({ id: RAW_TENANT, name: RAW_TENANT, createdAt: AT });
  const rawDb = new Database(file);
  rawDb.pragma('journal_mode = WAL');
  rawDb.pragma('synchronous = NORMAL');
  rawDb.pragma('busy_timeout = 5000');

  // Warm-up on records that are not measured; its records are the raw side's document templates.
  const warm: Lead[] = [];
  for (let i = 0; i < 50; i++) warm.push(await crm.leads.capture(rep, storyLead({ company: `预热 ${i}` })));
  let activity: Activity | undefined;
  let converted: { account: Account; contact: Contact; opportunity: Opportunity } | undefined;
  for (const lead of warm.slice(0, 20)) {
    activity = (await crm.leads.logContact(rep, lead.id, contact)).activity;
    converted = await crm.leads.convert(rep, lead.id, convertInput);
    await crm.opportunities.advance(rep, converted.opportunity.id, { to: 'needs_analysis' });
  }
  if (!activity || !converted) throw new Error('warm-up made no records');
  const raw = rawSqlite(rawDb, RAW_TENANT, 'raw_owner', { lead: warm[0] as Lead, activity, ...converted });
  for (let i = 0; i < 50; i++) {
    const id = raw.capture(1_000_000 + i, AT, `预热 ${i}`);
    if (i < 20) {
      raw.logContact(id, AT, 1_000_000 + i);
      raw.advance(raw.convert(id, AT, 1_000_000 + i), AT);
    }
  }

  const series = new Series();
  const tracer = TRACE ? callTracer(`${file}-shm`) : undefined;
  /**
   * One round: N captures on each side, then M logContacts, converts and advances of those leads,
   * subject and baseline back to back (which goes first alternates). Unrecorded rounds are the
   * warm-up: the same calls, so the JIT, the statement caches and the heap reach the state the
   * measured rounds then see.
   */
  const oneRound = async (round: number, base: number, n: number, m: number, record: boolean) => {
    const company = (i: number) => `${record ? '山东恒通' : '预热'} ${round}-${i}`;
    const serviceFirst = round % 2 === 0;
    const measure = async (name: string, count: number, op: (i: number) => unknown) => {
      if (CHECKPOINT_EACH) rawDb.pragma('wal_checkpoint(TRUNCATE)');
      if (record)
        series.add(name, await timeCalls(count, tracer === undefined ? op : tracer.wrap(name, round, op)));
      else for (let i = 0; i < count; i++) await op(i);
    };
    const both = async (service: () => Promise<unknown>, baseline: () => Promise<unknown>) => {
      if (serviceFirst) {
        await service();
        await baseline();
      } else {
        await baseline();
        await service();
      }
    };
    const leads: string[] = [];
    const rawLeads: string[] = [];
    await both(
      () =>
        measure('leads.capture', n, async (i) => {
          leads.push((await crm.leads.capture(rep, storyLead({ company: company(i) }))).id);
        }),
      () =>
        measure('raw capture', n, (i) => {
          rawLeads.push(raw.capture(base + i, AT, company(i)));
        }),
    );
    await both(
      () => measure('leads.logContact', m, (i) => crm.leads.logContact(rep, leads[i] as string, contact)),
      () => measure('raw logContact', m, (i) => raw.logContact(rawLeads[i] as string, AT, base + i)),
    );
    const deals: string[] = [];
    const rawDeals: string[] = [];
    await both(
      () =>
        measure('leads.convert', m, async (i) => {
          deals.push((await crm.leads.convert(rep, leads[i] as string, convertInput)).opportunity.id);
        }),
      () =>
        measure('raw convert', m, (i) => {
          rawDeals.push(raw.convert(rawLeads[i] as string, AT, base + i));
        }),
    );
    await both(
      () =>
        measure('opportunities.advance', m, (i) =>
          crm.opportunities.advance(rep, deals[i] as string, { to: 'needs_analysis' }),
        ),
      () => measure('raw advance', m, (i) => raw.advance(rawDeals[i] as string, AT)),
    );
  };

  // Steady state: WARM calls of every command on each side before anything is timed.
  const warmStarted = performance.now();
  for (let done = 0, w = 0; done < WARM; done += M, w++) await oneRound(w, 2_000_000 + done, M, M, false);
  const warmSeconds = (performance.now() - warmStarted) / 1000;
  for (let round = 0; round < ROUNDS; round++) await oneRound(round, round * N, N, M, true);
  rawDb.close();
  await storage.close();

  const pairs: [string, string, string, number][] = [
    ['leads.capture', 'raw capture', 'capture', 0.7],
    ['leads.logContact', 'raw logContact', 'logContact', 0.7],
    ['opportunities.advance', 'raw advance', 'advance', 0.7],
    ['leads.convert', 'raw convert', 'convert', 0.5],
  ];
  const rows: string[][] = [];
  for (const [subject, baseline, label, target] of pairs) {
    const s = series.summary(subject);
    const b = series.summary(baseline);
    const r = series.ratio(subject, baseline);
    rows.push([
      label,
      fmtInt(s.opsPerSec),
      `${fmtMs(s.p50)} / ${fmtMs(s.p95)}`,
      fmtInt(s.cpuUs),
      fmtInt(b.opsPerSec),
      `${fmtMs(b.p50)} / ${fmtMs(b.p95)}`,
      fmtInt(b.cpuUs),
      `**${fmtRatio(r.throughput)}**`,
      fmtSpread(r.throughputs),
      fmtRatio(r.cpu),
      `≥ ${target}`,
    ]);
  }
  console.log(
    `SQLite commands: ${machineLine(`after ${fmtInt(WARM)} warm-up calls of each command on each side (${warmSeconds.toFixed(0)} s), ${ROUNDS} alternating rounds, ${N} captures and ${M} of each other command per round, ${people} people in the org; rounds = lowest–highest round ratio`)}`,
  );
  console.log('');
  console.log(
    table(
      [
        'command',
        'Gongfu ops/s',
        'p50 / p95 ms',
        'CPU µs',
        'raw ops/s',
        'raw p50 / p95 ms',
        'raw CPU µs',
        'ratio',
        'rounds',
        'CPU ratio',
        'target',
      ],
      rows,
    ),
  );
  if (tracer !== undefined) {
    await tracer.stop();
    console.log(`\n${tracer.report(pairs.map(([s, b]) => [s, b] as const))}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
