/**
 * Service-level throughput and latency on one SQLite WAL file: commands through `createCrm`
 * (capture, logContact + convert, advance), a hand-written better-sqlite3 transaction doing the
 * writes of a capture as a baseline, and scoped list latency over a large seeded lead table.
 *
 *   npx tsx bench/service.bench.ts [--quick]
 *
 * `--quick` divides the command counts by 10 and seeds 10,000 leads instead of 100,000.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Lead } from '@gongfu/core';
import Database from 'better-sqlite3';

// The workspace packages resolve to src/ only under the "source" condition; re-run with it if missing.
if (!process.execArgv.some((a) => a.includes('conditions=source'))) {
  const { spawnSync } = await import('node:child_process');
  const args = [...process.execArgv, '--conditions=source', ...process.argv.slice(1)];
  process.exit(spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1);
}

const { sqliteStorage } = await import('@gongfu/storage-sqlite');
const { openWorld } = await import('@gongfu/core/testing');

const QUICK = process.argv.includes('--quick');
const scale = (n: number) => (QUICK ? Math.max(1, Math.round(n / 10)) : n);
const N_CAPTURE = scale(2000);
const N_CONVERT = scale(500);
const N_ADVANCE = scale(500);
const SEED_ROWS = QUICK ? 10_000 : 100_000;
const SEED_BATCH = 10_000;
const LIST_CALLS = 200;
const RAW_TENANT = 'raw_bench';
const AT = '2026-03-02T01:15:00.000Z';

interface Row {
  name: string;
  n: number;
  opsPerSec: number | null;
  p50: number | null;
  p95: number | null;
  note?: string;
}

const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

/** Runs `op` for i = 0..n-1 sequentially, timing each call. */
async function measure(name: string, n: number, op: (i: number) => Promise<unknown>): Promise<Row> {
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < n; i += 1) {
    const t0 = performance.now();
    await op(i);
    times.push(performance.now() - t0);
  }
  const total = performance.now() - started;
  return { name, n, opsPerSec: n / (total / 1000), p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

const captureInput = (i: number) => ({
  source: 'inbound_call' as const,
  receivedAt: '2026-03-02T09:15:00+08:00',
  company: `山东恒通系统集成有限公司 ${i}`,
  contact: { name: '王工', phone: '0531-8888 0000' },
  interests: [
    { sku: 'LS2208', quantity: 200 },
    { sku: 'SRV-R740', quantity: 1 },
  ],
  channel: 'key_account' as const,
  region: { province: '37' },
});

/** A capture's writes by hand: lead row with JSON doc, history row, team row, reminder row. */
function rawCapture(db: Database.Database): (i: number) => void {
  const insertLead = db.prepare(
    `insert into leads (tenant_id, id, version, created_at, updated_at, owner_id, team_key, doc, status, channel,
       source, received_at, account_id, last_contact_at, search)
     values (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const topSeq = db.prepare('select coalesce(max(seq), 0) as top from history_events where tenant_id = ?');
  const insertEvent = db.prepare(
    `insert into history_events (tenant_id, seq, entity_type, entity_id, event, actor_id, at, version, changes, meta)
     values (?, ?, 'lead', ?, 'lead.captured', ?, ?, 1, ?, ?)`,
  );
  const deleteTeam = db.prepare('delete from team_members where tenant_id = ? and team_key = ?');
  const insertMember = db.prepare(
    `insert into team_members (tenant_id, team_key, user_id, role, access, is_owner)
     values (?, ?, ?, 'sales', 'edit', 1)`,
  );
  const insertReminder = db.prepare(
    `insert into reminders (tenant_id, id, key, kind, subject_type, subject_id, user_id, due_at, escalate_at,
       message, version)
     values (?, ?, ?, 'lead_follow_up', 'lead', ?, ?, ?, ?, ?, 1)`,
  );
  const command = db.transaction((i: number) => {
    const id = `raw_lead_${i}`;
    const owner = 'raw_owner';
    const input = captureInput(i);
    const doc = {
      tenantId: RAW_TENANT,
      id,
      version: 1,
      createdAt: AT,
      updatedAt: AT,
      ...input,
      accountId: null,
      referredBy: null,
      eventName: null,
      ownerId: owner,
      status: 'new',
      disqualifyReason: null,
      lastContactAt: null,
      convertedAt: null,
      convertedOpportunityId: null,
      convertedContactId: null,
    };
    insertLead.run(
      RAW_TENANT,
      id,
      AT,
      AT,
      owner,
      id,
      JSON.stringify(doc),
      'new',
      input.channel,
      input.source,
      input.receivedAt,
      null,
      null,
      `${input.company}\n${input.contact.name}`.toLowerCase(),
    );
    const { top } = topSeq.get(RAW_TENANT) as { top: number };
    insertEvent.run(
      RAW_TENANT,
      top + 1,
      id,
      owner,
      AT,
      JSON.stringify({ status: { from: null, to: 'new' } }),
      JSON.stringify({ source: input.source }),
    );
    deleteTeam.run(RAW_TENANT, id);
    insertMember.run(RAW_TENANT, id, owner);
    insertReminder.run(
      RAW_TENANT,
      `raw_rem_${i}`,
      `lead_follow_up:${id}`,
      id,
      owner,
      '2026-03-03T01:15:00.000Z',
      '2026-03-04T01:15:00.000Z',
      'Follow up the new lead',
    );
  });
  return (i) => command.immediate(i);
}

const dir = mkdtempSync(join(tmpdir(), 'gongfu-service-bench-'));
try {
  const file = join(dir, 'service.db');
  const storage = await sqliteStorage({ filename: file });
  const { crm, org } = await openWorld(storage);
  const { manager, repA } = org;
  const rows: Row[] = [];

  // Warm-up (JIT, statement caches) on leads that are not measured.
  for (let i = 0; i < Math.min(50, N_CAPTURE); i += 1) await crm.leads.capture(repA, captureInput(i));

  // 1. Commands through the service.
  const captured: Lead[] = [];
  rows.push(
    await measure('leads.capture', N_CAPTURE, async (i) => {
      captured.push(await crm.leads.capture(repA, captureInput(i)));
    }),
  );
  const toConvert = captured.slice(0, N_CONVERT);
  rows.push(
    await measure('leads.logContact', N_CONVERT, (i) =>
      crm.leads.logContact(repA, toConvert[i]?.id ?? '', {
        kind: 'call',
        at: '2026-03-02T10:00:00+08:00',
        outcome: { metWith: '王工', opinion: 'positive', summary: '招标下月发布, 需要方案' },
      }),
    ),
  );
  const opportunityIds: string[] = [];
  rows.push(
    await measure('leads.convert', N_CONVERT, async (i) => {
      const result = await crm.leads.convert(repA, toConvert[i]?.id ?? '', {
        account: { kind: 'system_integrator' },
        requiredDelivery: '2026-06-30',
        region: { province: '37' },
      });
      opportunityIds.push(result.opportunity.id);
    }),
  );
  const toAdvance = opportunityIds.slice(0, N_ADVANCE);
  rows.push(
    await measure('opportunities.advance → needs_analysis', toAdvance.length, (i) =>
      crm.opportunities.advance(repA, toAdvance[i] ?? '', { to: 'needs_analysis' }),
    ),
  );

  // 2. Raw better-sqlite3 baseline for a capture, second connection on the same file.
  await storage.tenants.create({ id: RAW_TENANT, name: RAW_TENANT, createdAt: AT });
  const rawDb = new Database(file);
  rawDb.pragma('journal_mode = WAL');
  rawDb.pragma('synchronous = NORMAL');
  rawDb.pragma('busy_timeout = 5000');
  const raw = rawCapture(rawDb);
  for (let i = 0; i < 50; i += 1) raw(1_000_000 + i);
  const rawRow = await measure('raw better-sqlite3 capture writes', N_CAPTURE, async (i) => raw(i));
  rawDb.close();
  rows.push(rawRow);
  const captureRate = rows[0]?.opsPerSec ?? 0;
  const ratio = captureRate / (rawRow.opsPerSec ?? 1);

  // 3. Scoped list latency over a seeded lead table.
  const template = captured[captured.length - 1];
  if (!template) throw new Error('no captured lead to copy');
  const owners = [org.repA.id, org.repB.id, org.otherRep.id, org.otherManager.id];
  const seedStarted = performance.now();
  for (let start = 0; start < SEED_ROWS; start += SEED_BATCH) {
    await storage.transaction({ tenantId: template.tenantId }, async (tx) => {
      for (let i = start; i < Math.min(SEED_ROWS, start + SEED_BATCH); i += 1) {
        const ownerId = owners[i % owners.length] ?? org.repA.id;
        const id = `seed_${i}`;
        await tx.leads.insert({ ...template, id, ownerId, company: `Seeded Company ${i}` });
        await tx.teams.replace(id, [{ userId: ownerId, role: 'sales', access: 'edit', isOwner: true }]);
      }
    });
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  for (let i = 0; i < 20; i += 1) {
    await crm.leads.list(repA, { limit: 50 });
    await crm.leads.list(manager, { limit: 50 });
  }
  const listA = await measure('leads.list(repA, limit 50)', LIST_CALLS, () =>
    crm.leads.list(repA, { limit: 50 }),
  );
  const listM = await measure('leads.list(manager, limit 50)', LIST_CALLS, () =>
    crm.leads.list(manager, { limit: 50 }),
  );
  rows.push(listA, listM);
  await storage.close();

  const fmtRate = (n: number | null) => (n === null ? '' : Math.round(n).toLocaleString('en-US'));
  const fmtMs = (n: number | null) => (n === null ? '' : n.toFixed(2));
  console.log(
    `service bench${QUICK ? ' (--quick)' : ''}: one SQLite WAL file, Node ${process.version}, ` +
      `${SEED_ROWS.toLocaleString('en-US')} seeded leads (seeded in ${seedSeconds.toFixed(1)} s)`,
  );
  console.log('');
  console.log('| measurement | n | ops/s | p50 ms | p95 ms |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.n} | ${fmtRate(r.opsPerSec)} | ${fmtMs(r.p50)} | ${fmtMs(r.p95)} |`);
  }
  console.log('');
  console.log(`ratio capture/raw: ${ratio.toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
