/**
 * Service-level throughput and latency on one SQLite WAL file: commands through `createCrm`
 * (capture, logContact, convert, advance), hand-written better-sqlite3 transactions doing exactly
 * the statements of a capture and of an advance as baselines (alternating with the commands in
 * rounds, medians compared), and scoped list latency over a large seeded lead table.
 *
 *   npx tsx bench/service.bench.ts [--quick]
 *
 * `--quick` divides the command counts by 10 and seeds 10,000 leads instead of 100,000.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Lead, Opportunity } from '@gongfu/core';
import Database from 'better-sqlite3';

// The workspace packages resolve to src/ only under the "source" condition; re-run with it if missing.
if (!process.execArgv.some((a) => a.includes('conditions=source'))) {
  const { spawnSync } = await import('node:child_process');
  const args = [...process.execArgv, '--conditions=source', ...process.argv.slice(1)];
  process.exit(spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1);
}

const { sqliteStorage } = await import('@gongfu/storage-sqlite');
const { openWorld } = await import('@gongfu/service-suites');

const QUICK = process.argv.includes('--quick');
const scale = (n: number) => (QUICK ? Math.max(1, Math.round(n / 10)) : n);
const N_CAPTURE = scale(2000);
const N_CONVERT = scale(500);
const ROUNDS = 5;
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
  /** ops/s of each round, when measured in rounds. */
  rounds?: number[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

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

/** Every top-level field that differs, as the history log records it (creation: from null). */
function topLevelChanges(was: object, is: object) {
  const before = was as Record<string, unknown>;
  const after = is as Record<string, unknown>;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'version' || key === 'updatedAt') continue;
    const from = before[key] ?? null;
    const to = after[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

const DAY_MS = 86_400_000;
const plusDays = (at: string, days: number) => new Date(Date.parse(at) + days * DAY_MS).toISOString();

/**
 * A capture's writes by hand, row for row what `leads.capture` stores: the lead (same JSON document
 * and projected columns, so the same seven indexes), its history row (the full creation diff and
 * meta), the owner's team row and the follow-up reminder (all columns, the same message).
 */
function rawCapture(db: Database.Database, tenantId: string, ownerId: string): (i: number) => void {
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
  const insertMember = db.prepare(
    `insert into team_members (tenant_id, team_key, user_id, role, access, is_owner)
     values (?, ?, ?, 'sales', 'edit', 1)`,
  );
  const insertReminder = db.prepare(
    `insert into reminders (tenant_id, id, key, kind, subject_type, subject_id, user_id, due_at, escalate_at,
       message, acknowledged_at, snoozed_until, delivered_at, escalated_at, version)
     values (?, ?, ?, 'lead_follow_up', 'lead', ?, ?, ?, ?, ?, null, null, null, null, 1)`,
  );
  const command = db.transaction((i: number) => {
    const id = `raw_lead_${i}`;
    const input = captureInput(i);
    const receivedAt = new Date(input.receivedAt).toISOString();
    const lead = {
      tenantId,
      id,
      version: 1,
      createdAt: AT,
      updatedAt: AT,
      source: input.source,
      receivedAt,
      company: input.company,
      contact: input.contact,
      interests: input.interests,
      channel: input.channel,
      region: input.region,
      accountId: null,
      referredBy: null,
      eventName: null,
      ownerId,
      status: 'new',
      disqualifyReason: null,
      lastContactAt: null,
      convertedAt: null,
      convertedOpportunityId: null,
      convertedContactId: null,
    };
    const search = [input.company, input.contact.name, input.contact.phone].join('\n').toLowerCase();
    insertLead.run(
      tenantId,
      id,
      AT,
      AT,
      ownerId,
      id,
      JSON.stringify(lead),
      'new',
      input.channel,
      input.source,
      receivedAt,
      null,
      null,
      search,
    );
    const { top } = topSeq.get(tenantId) as { top: number };
    const changes = JSON.stringify(topLevelChanges({}, lead));
    insertEvent.run(tenantId, top + 1, id, ownerId, AT, changes, JSON.stringify({ source: input.source }));
    insertMember.run(tenantId, id, ownerId);
    const dueAt = plusDays(receivedAt, 3);
    const message = `No contact with ${input.company} for 3 days — follow up`;
    insertReminder.run(
      tenantId,
      `raw_rem_${i}`,
      `lead_follow_up:${id}`,
      id,
      ownerId,
      dueAt,
      plusDays(dueAt, 2),
      message,
    );
  });
  return (i) => command.immediate(i);
}

/**
 * An advance's statements by hand on an opportunity the service converted: read the deal, its team
 * and its orders, write the next version (every column, as the compare-and-set update does), its
 * history row, and move the stale-deal reminder to the new stage.
 */
function rawAdvance(db: Database.Database, tenantId: string): (id: string) => void {
  const getDeal = db.prepare('select doc from opportunities where tenant_id = ? and id = ?');
  const getTeam = db.prepare(
    'select user_id, role, access, is_owner from team_members where tenant_id = ? and team_key = ? order by is_owner desc, user_id',
  );
  const countOrders = db.prepare(
    'select count(*) as n from orders where tenant_id = ? and opportunity_id = ?',
  );
  const updateDeal = db.prepare(
    `update opportunities set version = ?, created_at = ?, updated_at = ?, owner_id = ?, team_key = ?, doc = ?, stage = ?,
       channel = ?, account_id = ?, lead_id = ?, amount_minor = ?, currency = ?, probability = ?, forecast_category = ?,
       stage_entered_at = ?, expected_close = ?, closed_at = ?, duplicate_of_id = ?
     where tenant_id = ? and id = ? and version = ?`,
  );
  const topSeq = db.prepare('select coalesce(max(seq), 0) as top from history_events where tenant_id = ?');
  const insertEvent = db.prepare(
    `insert into history_events (tenant_id, seq, entity_type, entity_id, event, actor_id, at, version, changes, meta)
     values (?, ?, 'opportunity', ?, 'opportunity.stage_changed', ?, ?, ?, ?, ?)`,
  );
  const reminders = db.prepare(
    `select * from reminders where tenant_id = ? and subject_type = 'opportunity' and subject_id = ? order by due_at, id`,
  );
  const updateReminder = db.prepare(
    `update reminders set key = ?, kind = ?, subject_type = ?, subject_id = ?, user_id = ?, due_at = ?, escalate_at = ?,
       message = ?, acknowledged_at = ?, snoozed_until = ?, delivered_at = ?, escalated_at = ?, version = ?
     where tenant_id = ? and id = ? and version = ?`,
  );
  const command = db.transaction((id: string) => {
    const row = getDeal.get(tenantId, id) as { doc: string };
    const before = JSON.parse(row.doc) as Opportunity;
    getTeam.all(tenantId, id);
    countOrders.get(tenantId, id);
    const after = {
      ...before,
      version: before.version + 1,
      updatedAt: AT,
      stage: 'needs_analysis',
      probability: 20,
      stageEnteredAt: AT,
    };
    const changed = updateDeal.run(
      after.version,
      after.createdAt,
      AT,
      after.ownerId,
      id,
      JSON.stringify(after),
      after.stage,
      after.channel,
      after.accountId,
      after.leadId,
      after.amount.amount,
      after.amount.currency,
      after.probability,
      after.forecastCategory,
      AT,
      after.expectedClose,
      after.closedAt,
      after.duplicateOfId,
      tenantId,
      id,
      before.version,
    );
    if (changed.changes !== 1) throw new Error('lost the compare-and-set');
    const { top } = topSeq.get(tenantId) as { top: number };
    const meta = JSON.stringify({ from: before.stage, to: after.stage });
    insertEvent.run(
      tenantId,
      top + 1,
      id,
      before.ownerId,
      AT,
      after.version,
      JSON.stringify(topLevelChanges(before, after)),
      meta,
    );
    for (const r of reminders.all(tenantId, id) as {
      id: string;
      key: string;
      kind: string;
      user_id: string;
      version: number;
    }[]) {
      const dueAt = plusDays(AT, 14);
      const message = `${after.name} has been in stage "needs_analysis" for 14 days — move it on`;
      updateReminder.run(
        r.key,
        r.kind,
        'opportunity',
        id,
        r.user_id,
        dueAt,
        plusDays(dueAt, 2),
        message,
        null,
        null,
        null,
        null,
        r.version + 1,
        tenantId,
        r.id,
        r.version,
      );
    }
  });
  return (id) => command.immediate(id);
}

const dir = mkdtempSync(join(tmpdir(), 'gongfu-service-bench-'));
try {
  const file = join(dir, 'service.db');
  const storage = await sqliteStorage({ filename: file });
  const { crm, org } = await openWorld(storage);
  const { manager, repA } = org;

  // The raw baselines run on a second connection to the same file, in a tenant of their own.
  await storage.tenants.create({ id: RAW_TENANT, name: RAW_TENANT, createdAt: AT });
  const rawDb = new Database(file);
  rawDb.pragma('journal_mode = WAL');
  rawDb.pragma('synchronous = NORMAL');
  rawDb.pragma('busy_timeout = 5000');
  const raw = rawCapture(rawDb, RAW_TENANT, 'raw_owner');
  const rawAdvanceOne = rawAdvance(rawDb, repA.tenantId);

  // Warm-up (JIT, statement caches) on records that are not measured.
  for (let i = 0; i < Math.min(50, N_CAPTURE); i += 1) {
    await crm.leads.capture(repA, captureInput(i));
    raw(1_000_000 + i);
  }

  const contact = {
    kind: 'call' as const,
    at: '2026-03-02T10:00:00+08:00',
    outcome: { metWith: '王工', opinion: 'positive' as const, summary: '招标下月发布, 需要方案' },
  };
  const convertInput = {
    account: { kind: 'system_integrator' as const },
    requiredDelivery: '2026-06-30',
    region: { province: '37' },
  };

  // 1. Commands and their raw baselines, alternating in rounds: the machine's load drifts by tens
  // of percent within a run, so each side gets its share of every phase and medians are compared.
  const series = new Map<string, Row[]>();
  const record = (row: Row) => series.set(row.name, [...(series.get(row.name) ?? []), row]);
  const captured: Lead[] = [];
  const perRound = (n: number) => Math.max(1, Math.round(n / ROUNDS));
  for (let round = 0; round < ROUNDS; round += 1) {
    const mine: Lead[] = [];
    record(
      await measure('leads.capture', perRound(N_CAPTURE), async (i) => {
        mine.push(await crm.leads.capture(repA, captureInput(i)));
      }),
    );
    captured.push(...mine);
    const offset = round * perRound(N_CAPTURE);
    record(
      await measure('raw better-sqlite3: capture writes', perRound(N_CAPTURE), async (i) => raw(offset + i)),
    );
    // Converted leads need a logged contact first; half of the deals are advanced through the
    // service, the other half by hand.
    const leads = mine.slice(0, 2 * perRound(N_CONVERT));
    record(
      await measure('leads.logContact', leads.length, (i) =>
        crm.leads.logContact(repA, leads[i]?.id ?? '', contact),
      ),
    );
    const deals: string[] = [];
    record(
      await measure('leads.convert', leads.length, async (i) => {
        deals.push((await crm.leads.convert(repA, leads[i]?.id ?? '', convertInput)).opportunity.id);
      }),
    );
    const half = Math.floor(deals.length / 2);
    record(
      await measure('opportunities.advance → needs_analysis', half, (i) =>
        crm.opportunities.advance(repA, deals[i] ?? '', { to: 'needs_analysis' }),
      ),
    );
    record(
      await measure('raw better-sqlite3: advance statements', half, async (i) =>
        rawAdvanceOne(deals[half + i] ?? ''),
      ),
    );
  }
  rawDb.close();
  const rows: Row[] = [...series].map(([name, runs]) => ({
    name,
    n: runs.reduce((sum, r) => sum + r.n, 0),
    opsPerSec: median(runs.map((r) => r.opsPerSec ?? 0)),
    p50: median(runs.map((r) => r.p50 ?? 0)),
    p95: median(runs.map((r) => r.p95 ?? 0)),
    rounds: runs.map((r) => r.opsPerSec ?? 0),
  }));
  const byName = (name: string) => rows.find((r) => r.name === name);
  /** Ratio of the medians, and the median of the ratios of each round's pair (drift cancels there). */
  const ratio = (label: string, command: string, baseline: string) => {
    const c = byName(command);
    const b = byName(baseline);
    const perRound = (c?.rounds ?? []).map((x, i) => x / (b?.rounds?.[i] ?? Number.NaN));
    return `${label}: ${((c?.opsPerSec ?? 0) / (b?.opsPerSec ?? 1)).toFixed(2)} (median of per-round ratios ${median(perRound).toFixed(2)})`;
  };
  const ratios = [
    ratio('capture/raw capture', 'leads.capture', 'raw better-sqlite3: capture writes'),
    ratio(
      'advance/raw advance',
      'opportunities.advance → needs_analysis',
      'raw better-sqlite3: advance statements',
    ),
  ];

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
  console.log('| measurement | n | ops/s (median) | p50 ms | p95 ms | ops/s per round |');
  console.log('|---|---:|---:|---:|---:|---|');
  for (const r of rows) {
    const rounds = r.rounds?.map(fmtRate).join(', ') ?? '';
    console.log(
      `| ${r.name} | ${r.n} | ${fmtRate(r.opsPerSec)} | ${fmtMs(r.p50)} | ${fmtMs(r.p95)} | ${rounds} |`,
    );
  }
  console.log('');
  for (const line of ratios) console.log(`ratio ${line} (target ≥ 0.50)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
