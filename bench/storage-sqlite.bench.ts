/**
 * Single-record command throughput: a raw better-sqlite3 transaction doing the writes by hand vs
 * the adapter's `transaction(insert lead + append history)`. Same schema, same file settings (WAL,
 * synchronous=NORMAL), BEGIN IMMEDIATE on both sides.
 *
 *   npx tsx bench/storage-sqlite.bench.ts [count] [file|memory]
 *
 * The two sides alternate in rounds and the medians are compared, because disk noise on a shared
 * machine swings a single run by ±40%. `memory` removes the disk and shows the pure CPU overhead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CrmStorage, Lead } from '@gongfu/core';
import Database from 'better-sqlite3';

// The workspace packages resolve to src/ only under the "source" condition; re-run with it if missing.
if (!process.execArgv.some((a) => a.includes('conditions=source'))) {
  const { spawnSync } = await import('node:child_process');
  const args = [...process.execArgv, '--conditions=source', ...process.argv.slice(1)];
  process.exit(spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1);
}

const { sqliteStorage } = await import('@gongfu/storage-sqlite');
const COUNT = Number(process.argv[2] ?? 5000);
const MODE = process.argv[3] === 'memory' ? 'memory' : 'file';
const ROUNDS = 5;
const TENANT = 'bench';
const AT = '2026-03-02T01:15:00.000Z';

function lead(i: number, prefix: string): Lead {
  return {
    tenantId: TENANT,
    id: `${prefix}_${i}`,
    version: 1,
    createdAt: AT,
    updatedAt: AT,
    source: 'inbound_call',
    receivedAt: AT,
    company: `Company ${i}`,
    contact: { name: 'Zhang Wei', phone: '0532-1234 5678' },
    interests: [{ sku: 'DS2208', quantity: 20 }],
    channel: 'key_account',
    region: null,
    accountId: null,
    referredBy: null,
    eventName: null,
    ownerId: `u${i % 20}`,
    status: 'new',
    disqualifyReason: null,
    lastContactAt: null,
    convertedAt: null,
    convertedOpportunityId: null,
    convertedContactId: null,
    custom: {},
  };
}

/** A migrated database with the bench tenant, opened the way sqliteStorage opens one. */
async function openDatabase(file: string): Promise<Database.Database> {
  const db = new Database(file);
  const storage = await sqliteStorage({ database: db });
  await storage.tenants.create({ id: TENANT, name: TENANT, createdAt: AT });
  return db;
}

function rawSide(db: Database.Database): (count: number, prefix: string) => number {
  const insertLead = db.prepare(
    `insert into leads (tenant_id, id, version, created_at, updated_at, owner_id, team_key, doc, status, channel,
       source, received_at, account_id, last_contact_at, search)
     values (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const topSeq = db.prepare('select coalesce(max(seq), 0) as top from history_events where tenant_id = ?');
  const insertEvent = db.prepare(
    `insert into history_events (tenant_id, seq, entity_type, entity_id, event, actor_id, at, version, changes, meta)
     values (?, ?, 'lead', ?, 'lead.captured', ?, ?, 1, ?, null)`,
  );
  const command = db.transaction((l: Lead) => {
    insertLead.run(
      TENANT,
      l.id,
      l.createdAt,
      l.updatedAt,
      l.ownerId,
      l.id,
      JSON.stringify(l),
      l.status,
      l.channel,
      l.source,
      l.receivedAt,
      l.accountId,
      l.lastContactAt,
      `${l.company}\n${l.contact.name}`.toLowerCase(),
    );
    const { top } = topSeq.get(TENANT) as { top: number };
    insertEvent.run(
      TENANT,
      top + 1,
      l.id,
      l.ownerId,
      l.createdAt,
      JSON.stringify({ status: { from: null, to: 'new' } }),
    );
  });
  return (count, prefix) => {
    const started = performance.now();
    for (let i = 0; i < count; i += 1) command.immediate(lead(i, prefix));
    return count / ((performance.now() - started) / 1000);
  };
}

async function adapterRun(storage: CrmStorage, count: number, prefix: string): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const l = lead(i, prefix);
    await storage.transaction({ tenantId: TENANT }, async (tx) => {
      await tx.leads.insert(l);
      await tx.history.append([
        {
          entityType: 'lead',
          entityId: l.id,
          event: 'lead.captured',
          actorId: l.ownerId,
          at: l.createdAt,
          version: 1,
          changes: { status: { from: null, to: 'new' } },
          meta: null,
        },
      ]);
    });
  }
  return count / ((performance.now() - started) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const dir = mkdtempSync(join(tmpdir(), 'gongfu-bench-'));
try {
  const path = (name: string) => (MODE === 'memory' ? ':memory:' : join(dir, name));
  // The raw side gets its own connection; the adapter gets a storage over another database.
  const rawDb = await openDatabase(path('raw.db'));
  const raw = rawSide(rawDb);
  const storage = await sqliteStorage({ filename: path('adapter.db') });
  await storage.tenants.create({ id: TENANT, name: TENANT, createdAt: AT });
  raw(Math.min(500, COUNT), 'warm');
  await adapterRun(storage, Math.min(500, COUNT), 'warm');
  const rawRates: number[] = [];
  const adapterRates: number[] = [];
  const perRound = Math.ceil(COUNT / ROUNDS);
  for (let round = 0; round < ROUNDS; round += 1) {
    rawRates.push(raw(perRound, `lead_${round}`));
    adapterRates.push(await adapterRun(storage, perRound, `lead_${round}`));
  }
  await storage.close();
  rawDb.close();
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const [r, a] = [median(rawRates), median(adapterRates)];
  console.log(
    `${ROUNDS} rounds × ${perRound} commands (insert lead + append history, one transaction each, ${MODE === 'memory' ? 'in memory' : 'WAL file'})`,
  );
  console.log(`raw better-sqlite3: ${fmt(r)} tx/s (median; rounds ${rawRates.map(fmt).join(', ')})`);
  console.log(`adapter:            ${fmt(a)} tx/s (median; rounds ${adapterRates.map(fmt).join(', ')})`);
  console.log(`ratio adapter/raw:  ${(a / r).toFixed(2)} (target ≥ 0.50)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
