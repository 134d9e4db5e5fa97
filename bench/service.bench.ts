/**
 * SQLite commands against their raw baselines: capture, logContact, convert and advance through
 * `createCrm` on one WAL file, each beside a hand-written better-sqlite3 transaction doing the
 * same reads and writes (`raw-sqlite.ts`), in a tenant of its own on a second connection to the
 * same file. The org is a 200-person tree, as in a real sales company. Subject and baseline
 * alternate in rounds (which goes first alternates too); the ratio is the median of the rounds'
 * ratios, for throughput and for CPU time per command.
 *
 *   npx tsx bench/service.bench.ts [--rounds 7] [--n 300] [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Account, Activity, Contact, Lead, Opportunity } from '@gongfu/core';
import Database from 'better-sqlite3';
import { contact, convertInput } from './command-inputs.js';
import { argValue, fmtInt, fmtMs, fmtRatio, machineLine, Series, table, timeCalls } from './measure.js';
import { rawSqlite } from './raw-sqlite.js';
import { runFromSource } from './support.js';

runFromSource();

const { sqliteStorage } = await import('@gongfu/storage-sqlite');
const { openWorld, storyLead } = await import('@gongfu/service-suites');
const { addOrgTree } = await import('./org-tree.js');

const QUICK = process.argv.includes('--quick');
const ROUNDS = Number(argValue('--rounds') ?? (QUICK ? 5 : 7));
const N = Number(argValue('--n') ?? (QUICK ? 60 : 300));
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
  const M = Math.max(1, Math.round(N / 3));
  for (let round = 0; round < ROUNDS; round++) {
    const serviceFirst = round % 2 === 0;
    const both = async (name: string, service: () => Promise<unknown>, baseline: () => Promise<unknown>) => {
      if (serviceFirst) {
        await service();
        await baseline();
      } else {
        await baseline();
        await service();
      }
      void name;
    };
    const leads: string[] = [];
    const rawLeads: string[] = [];
    await both(
      'capture',
      async () =>
        series.add(
          'leads.capture',
          await timeCalls(N, async (i) => {
            leads.push((await crm.leads.capture(rep, storyLead({ company: `山东恒通 ${round}-${i}` }))).id);
          }),
        ),
      async () =>
        series.add(
          'raw capture',
          await timeCalls(N, (i) => {
            rawLeads.push(raw.capture(round * N + i, AT, `山东恒通 ${round}-${i}`));
          }),
        ),
    );
    await both(
      'logContact',
      async () =>
        series.add(
          'leads.logContact',
          await timeCalls(M, (i) => crm.leads.logContact(rep, leads[i] as string, contact)),
        ),
      async () =>
        series.add(
          'raw logContact',
          await timeCalls(M, (i) => raw.logContact(rawLeads[i] as string, AT, round * N + i)),
        ),
    );
    const deals: string[] = [];
    const rawDeals: string[] = [];
    await both(
      'convert',
      async () =>
        series.add(
          'leads.convert',
          await timeCalls(M, async (i) => {
            deals.push((await crm.leads.convert(rep, leads[i] as string, convertInput)).opportunity.id);
          }),
        ),
      async () =>
        series.add(
          'raw convert',
          await timeCalls(M, (i) => {
            rawDeals.push(raw.convert(rawLeads[i] as string, AT, round * N + i));
          }),
        ),
    );
    await both(
      'advance',
      async () =>
        series.add(
          'opportunities.advance',
          await timeCalls(M, (i) =>
            crm.opportunities.advance(rep, deals[i] as string, { to: 'needs_analysis' }),
          ),
        ),
      async () =>
        series.add('raw advance', await timeCalls(M, (i) => raw.advance(rawDeals[i] as string, AT))),
    );
  }
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
      fmtRatio(r.cpu),
      `≥ ${target}`,
    ]);
  }
  console.log(
    `SQLite commands: ${machineLine(`${ROUNDS} alternating rounds, ${N} captures and ${M} of each other command per round, ${people} people in the org`)}`,
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
        'CPU ratio',
        'target',
      ],
      rows,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
