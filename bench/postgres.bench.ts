/**
 * PostgreSQL on a real server: command throughput through `createCrm` (capture, logContact +
 * convert, advance; sequential, and captures from 8 concurrent callers), a hand-written `pg`
 * transaction doing a capture's writes as the baseline, reminders claimed/s by 4 dispatchers on
 * separate pools, and the conflicts seen when 16 connections race on the same deals.
 *
 *   GONGFU_PG_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/postgres.bench.ts [--quick]
 *
 * Runs in a schema of its own, dropped afterwards. `--quick` divides every count by 10.
 */
import type { CrmStorage } from '@gongfu/core';
import pg from 'pg';

// The workspace packages resolve to src/ only under the "source" condition; re-run with it if missing.
if (!process.execArgv.some((a) => a.includes('conditions=source'))) {
  const { spawnSync } = await import('node:child_process');
  const args = [...process.execArgv, '--conditions=source', ...process.argv.slice(1)];
  process.exit(spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1);
}

const { postgresStorage } = await import('@gongfu/storage-postgres');
const { createCrm, createReminderDispatcher, isCrmError, ManualClock } = await import('@gongfu/core');
const { openWorld, storyLead } = await import('@gongfu/service-suites');

// biome-ignore lint/suspicious/noUndeclaredEnvVars: read by vitest and tsx directly, never inside a turbo task.
const URL = process.env.GONGFU_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const QUICK = process.argv.includes('--quick');
const scale = (n: number) => (QUICK ? Math.max(1, Math.round(n / 10)) : n);
const N_CAPTURE = scale(1000);
const N_CONVERT = scale(300);
const N_REMINDERS = scale(20_000);
const RACE_WRITERS = 16;
const RACE_PER_WRITER = scale(200);
const SCHEMA = `gf_bench_${process.pid}`;
const AT = '2026-03-02T01:00:00.000Z';

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const lines: string[] = [];
const row = (name: string, n: number, ops: number, times: number[] = []) =>
  lines.push(
    `| ${name} | ${n} | ${fmt(ops)} | ${times.length ? quantile(times, 0.5).toFixed(2) : '–'} | ${times.length ? quantile(times, 0.95).toFixed(2) : '–'} |`,
  );

async function measure(name: string, n: number, op: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await op(i);
    times.push(performance.now() - s);
  }
  const ops = n / ((performance.now() - t0) / 1000);
  row(name, n, ops, times);
  return ops;
}

const pools: pg.Pool[] = [];
const openServer = async (max: number, migrate = false): Promise<CrmStorage> => {
  const pool = new pg.Pool({ connectionString: URL, max });
  pools.push(pool);
  return postgresStorage({ pool }, { schema: SCHEMA, migrate });
};

const admin = new pg.Pool({ connectionString: URL, max: 2, options: `-c search_path=${SCHEMA}` });
try {
  const storage = await openServer(8, true);
  const w = await openWorld(storage, AT);
  const rep = w.org.repA;

  // 1. Commands, one after another.
  const leads: string[] = [];
  const captureOps = await measure('leads.capture', N_CAPTURE, async (i) => {
    leads.push((await w.crm.leads.capture(rep, storyLead({ company: `山东恒通 ${i}` }))).id);
  });
  await measure('leads.logContact', N_CONVERT, (i) =>
    w.crm.leads.logContact(rep, leads[i] as string, {
      kind: 'call',
      at: '2026-03-02T10:00:00+08:00',
      outcome: { metWith: '王工', opinion: 'positive', summary: '招标下月发布' },
    }),
  );
  const deals: string[] = [];
  await measure('leads.convert', N_CONVERT, async (i) => {
    deals.push((await w.crm.leads.convert(rep, leads[i] as string)).opportunity.id);
  });
  await measure('opportunities.advance → needs_analysis', deals.length, (i) =>
    w.crm.opportunities.advance(rep, deals[i] as string, { to: 'needs_analysis' }),
  );

  // 2. Captures from 8 concurrent callers sharing the pool of 8.
  const t1 = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async (_, c) => {
      for (let i = 0; i < N_CAPTURE / 8; i++)
        await w.crm.leads.capture(rep, storyLead({ company: `并发 ${c}-${i}` }));
    }),
  );
  row('leads.capture, 8 concurrent callers', N_CAPTURE, N_CAPTURE / ((performance.now() - t1) / 1000));

  // 3. Baseline: a capture's writes by hand in one pg transaction (lead, history, team, reminder).
  await storage.tenants.create({ id: 'raw', name: 'raw', createdAt: AT });
  const client = await admin.connect();
  const doc = JSON.stringify({ ...storyLead(), id: 'x', version: 1 });
  const rawOps = await measure('raw pg capture writes', N_CAPTURE, async (i) => {
    await client.query('begin isolation level read committed');
    await client.query(
      `insert into leads (tenant_id, id, version, created_at, updated_at, owner_id, team_key, doc, status, channel, source, received_at, search)
       values ('raw', $1, 1, $2, $2, 'u', $3, $4, 'new', 'key_account', 'inbound_call', $2, 'x')`,
      [`l${i}`, AT, `lead:l${i}`, doc],
    );
    await client.query(
      `insert into history_events (tenant_id, seq, entity_type, entity_id, event, actor_id, at, version, changes)
       values ('raw', nextval('history_events_seq'), 'lead', $1, 'lead.captured', 'u', $2, 1, $3)`,
      [`l${i}`, AT, doc],
    );
    await client.query(`insert into team_members values ('raw', $1, 'u', 'sales', 'edit', true)`, [
      `lead:l${i}`,
    ]);
    await client.query(
      `insert into reminders (tenant_id, id, key, kind, subject_type, subject_id, user_id, due_at, message, version)
       values ('raw', $1, $1, 'follow_up', 'lead', $1, 'u', $2, 'm', 1)`,
      [`l${i}`, AT],
    );
    await client.query('commit');
  });
  client.release();

  // 4. Reminders claimed per second by 4 dispatchers on separate pools.
  await storage.tenants.create({ id: 'dispatch', name: 'dispatch', createdAt: AT });
  await admin.query(
    `insert into reminders (tenant_id, id, key, kind, subject_type, subject_id, user_id, due_at, message, version)
     select 'dispatch', 'r' || g, 'k' || g, 'follow_up', 'lead', 'l' || g, 'u', $1::timestamptz - make_interval(secs => g), 'm', 1
     from generate_series(1, $2::int) g`,
    [AT, N_REMINDERS],
  );
  const clock = new ManualClock(AT);
  const dispatchers = await Promise.all(
    [0, 1, 2, 3].map(async (i) =>
      createReminderDispatcher({
        storage: await openServer(2),
        tenants: ['dispatch'],
        workerId: `server-${i}`,
        deliver: async () => {},
        batchSize: 200,
        clock,
      }),
    ),
  );
  const t2 = performance.now();
  await Promise.all(
    dispatchers.map(async (d) => {
      for (;;) if ((await d.runOnce()).claimed === 0) return;
    }),
  );
  const claimedPerSec = N_REMINDERS / ((performance.now() - t2) / 1000);
  row('reminders claimed + delivered + marked, 4 dispatchers', N_REMINDERS, claimedPerSec);

  // 5. The race: 16 connections (4 pools × 4) renaming 4 deals round-robin.
  const racers = await Promise.all([0, 1, 2, 3].map(() => openServer(4)));
  let accepted = 0;
  let rejected = 0;
  const t3 = performance.now();
  await Promise.all(
    Array.from({ length: RACE_WRITERS }, async (_, n) => {
      const crm = createCrm({ storage: racers[n % 4] as CrmStorage, tenant: w.crm.tenantId, clock: w.clock });
      for (let i = 0; i < RACE_PER_WRITER; i++) {
        try {
          await crm.opportunities.update(rep, deals[(n + i) % 4] as string, { name: `w${n}-${i}` });
          accepted++;
        } catch (e) {
          if (!isCrmError(e, 'CONCURRENCY')) throw e;
          rejected++;
        }
      }
    }),
  );
  const attempted = RACE_WRITERS * RACE_PER_WRITER;
  row('racing updates, 16 connections on 4 deals', attempted, attempted / ((performance.now() - t3) / 1000));

  const server = (await admin.query('show server_version')).rows[0]?.server_version;
  console.log(`postgres bench: PostgreSQL ${server}, Node ${process.version}, pool of 8, schema ${SCHEMA}\n`);
  console.log('| measurement | n | ops/s | p50 ms | p95 ms |\n|---|---:|---:|---:|---:|');
  console.log(lines.join('\n'));
  console.log(`\nratio capture/raw: ${(captureOps / rawOps).toFixed(2)}`);
  console.log(
    `race: ${attempted} attempted = ${accepted} accepted + ${rejected} rejected with ConcurrencyError (${((100 * rejected) / attempted).toFixed(0)}% conflicts)`,
  );
  await storage.close();
  for (const r of racers) await r.close();
} finally {
  await admin.query(`drop schema if exists "${SCHEMA}" cascade`);
  await admin.end();
  for (const p of pools) await p.end().catch(() => undefined);
}
