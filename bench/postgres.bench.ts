/**
 * PostgreSQL on a real server: capture, logContact, convert and advance through `createCrm` with
 * the pipelined pool (the default) and statement by statement (`pipeline: false`), beside
 * hand-written `pg` transactions doing the same reads and writes (`raw-postgres.ts`), in
 * alternating rounds; round trips per command; the capture's writes as one transaction through
 * three drivers (pg one statement per round trip, pg pipelined in one batch, postgres.js
 * pipelined); captures from 8 concurrent callers; reminders claimed by 4 dispatchers; 16
 * connections racing on 4 deals.
 *
 *   GONGFU_PG_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/postgres.bench.ts [--rounds 7] [--n 150] [--quick] [--warm 20]
 *
 * `--warm` commands of each kind before the rounds, half pipelined, half statement by statement
 * (the raw side as many): 20 leaves Gongfu's much larger code still being compiled in the rounds;
 * a few hundred measure the steady state of an app server, as the SQLite bench does.
 *
 * Runs in a schema of its own, dropped afterwards.
 */
import type { Account, Activity, Contact, CrmStorage, Lead, Opportunity } from '@gongfu/core';
import { argValue, fmtInt, fmtMs, fmtRatio, machineLine, Series, table, timeCalls } from './measure.js';
import { runFromSource } from './support.js';

runFromSource();

const { default: pg } = await import('pg');
const { default: postgresJs } = await import('postgres');
const { postgresStorage } = await import('@gongfu/storage-postgres');
const { createCrm, createReminderDispatcher, isCrmError, ManualClock } = await import('@gongfu/core');
const { openWorld, storyLead } = await import('@gongfu/service-suites');
const { addOrgTree } = await import('./org-tree.js');
const { rawPostgres } = await import('./raw-postgres.js');
const { countingPool } = await import('../packages/storage-postgres/src/testing/counting-pool.js');
const { PgBatch } = await import('../packages/storage-postgres/src/pipeline/pg-batch.js');

const URL = process.env.GONGFU_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const QUICK = process.argv.includes('--quick');
const ROUNDS = Number(argValue('--rounds') ?? (QUICK ? 5 : 7));
const N = Number(argValue('--n') ?? (QUICK ? 30 : 150));
const M = Math.max(1, Math.round(N / 3));
const WARM = Math.max(1, Number(argValue('--warm') ?? 20));
const SCHEMA = `gf_bench_${process.pid}`;
const AT = '2026-03-02T01:00:00.000Z';
const RAW_TENANT = 'raw_bench';

const contact = {
  kind: 'call' as const,
  at: '2026-03-02T10:00:00+08:00',
  outcome: { metWith: '王工', opinion: 'positive' as const, summary: '招标下月发布' },
};
const convertInput = {
  account: { kind: 'system_integrator' as const },
  requiredDelivery: '2026-06-30',
  region: { province: '37' },
};

const pools: import('pg').Pool[] = [];
const newPool = (max: number, searchPath = false) => {
  const pool = new pg.Pool({
    connectionString: URL,
    max,
    ...(searchPath ? { options: `-c search_path=${SCHEMA}` } : {}),
  });
  pools.push(pool);
  return pool;
};
const storages: CrmStorage[] = [];
const openStorage = async (max: number, pipeline = true, migrate = false) => {
  const s = await postgresStorage({ pool: newPool(max) }, { schema: SCHEMA, migrate, pipeline });
  storages.push(s);
  return s;
};

const admin = newPool(2, true);
const lines: string[] = [];
try {
  await admin.query(`create schema ${SCHEMA}`);
  const counted = countingPool(newPool(8));
  const storage = await postgresStorage({ pool: counted.pool }, { schema: SCHEMA, migrate: true });
  storages.push(storage);
  const w = await openWorld(storage, AT);
  const people = await addOrgTree(w.crm, w.org.admin, 200);
  const rep = w.org.repA;
  const plain = createCrm({
    storage: await openStorage(8, false),
    tenant: w.crm.tenantId,
    clock: w.clock,
    timeZone: 'Asia/Shanghai',
  });

  // Warm-up (prepared statements, org chart, JIT); its records are the raw side's templates.
  const warm: Lead[] = [];
  for (let i = 0; i < WARM + 10; i++)
    warm.push(await w.crm.leads.capture(rep, storyLead({ company: `预热 ${i}` })));
  let activity: Activity | undefined;
  let converted: { account: Account; contact: Contact; opportunity: Opportunity } | undefined;
  for (const [i, lead] of warm.slice(0, WARM).entries()) {
    const crm = i % 2 === 0 ? w.crm : plain;
    activity = (await crm.leads.logContact(rep, lead.id, contact)).activity;
    converted = await crm.leads.convert(rep, lead.id, convertInput);
    await crm.opportunities.advance(rep, converted.opportunity.id, { to: 'needs_analysis' });
  }
  if (!activity || !converted) throw new Error('warm-up made no records');
  await storage.tenants.create({ id: RAW_TENANT, name: RAW_TENANT, createdAt: AT });
  const raw = rawPostgres(newPool(8, true), RAW_TENANT, 'raw_owner', {
    lead: warm[0] as Lead,
    activity,
    ...converted,
  });
  for (let i = 0; i < WARM; i++) {
    const id = await raw.capture(1_000_000 + i, AT);
    await raw.logContact(id, AT, 1_000_000 + i);
    await raw.advance(await raw.convert(id, AT, 1_000_000 + i), AT);
  }

  // Round trips per command, counted on the pipelined pool.
  const trips: string[] = [];
  {
    const lead = (await w.crm.leads.capture(rep, storyLead())).id;
    const t = async (name: string, fn: () => Promise<unknown>) =>
      trips.push(`${name} ${await counted.count(fn)}`);
    await t('capture', () => w.crm.leads.capture(rep, storyLead()));
    await t('logContact', () => w.crm.leads.logContact(rep, lead, contact));
    let deal = '';
    await t('convert', async () => {
      deal = (await w.crm.leads.convert(rep, lead, convertInput)).opportunity.id;
    });
    await t('advance', () => w.crm.opportunities.advance(rep, deal, { to: 'needs_analysis' }));
  }

  // 1. Commands: pipelined, statement by statement, and by hand, alternating in rounds.
  const series = new Series();
  let serial = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const sides = ['pipelined', 'plain', 'raw'] as const;
    const order = sides.map((_, i) => sides[(i + round) % 3] as (typeof sides)[number]);
    const leads: Record<string, string[]> = { pipelined: [], plain: [], raw: [] };
    const deals: Record<string, string[]> = { pipelined: [], plain: [], raw: [] };
    for (const side of order) {
      const crm = side === 'plain' ? plain : w.crm;
      series.add(
        `capture ${side}`,
        await timeCalls(N, async () => {
          const n = serial++;
          leads[side]?.push(
            side === 'raw'
              ? await raw.capture(n, AT)
              : (await crm.leads.capture(rep, storyLead({ company: `山东恒通 ${n}` }))).id,
          );
        }),
      );
    }
    for (const side of order) {
      const crm = side === 'plain' ? plain : w.crm;
      const mine = leads[side] as string[];
      series.add(
        `logContact ${side}`,
        await timeCalls(M, (i) =>
          side === 'raw'
            ? raw.logContact(mine[i] as string, AT, serial++)
            : crm.leads.logContact(rep, mine[i] as string, contact),
        ),
      );
    }
    for (const side of order) {
      const crm = side === 'plain' ? plain : w.crm;
      const mine = leads[side] as string[];
      series.add(
        `convert ${side}`,
        await timeCalls(M, async (i) => {
          deals[side]?.push(
            side === 'raw'
              ? await raw.convert(mine[i] as string, AT, serial++)
              : (await crm.leads.convert(rep, mine[i] as string, convertInput)).opportunity.id,
          );
        }),
      );
    }
    for (const side of order) {
      const crm = side === 'plain' ? plain : w.crm;
      const mine = deals[side] as string[];
      series.add(
        `advance ${side}`,
        await timeCalls(M, (i) =>
          side === 'raw'
            ? raw.advance(mine[i] as string, AT)
            : crm.opportunities.advance(rep, mine[i] as string, { to: 'needs_analysis' }),
        ),
      );
    }
  }
  const commandRows: string[][] = [];
  for (const [command, target] of [
    ['capture', 0.8],
    ['logContact', 0.8],
    ['advance', 0.8],
    ['convert', 0.6],
  ] as const) {
    const p = series.summary(`${command} pipelined`);
    const s = series.summary(`${command} plain`);
    const r = series.summary(`${command} raw`);
    commandRows.push([
      command,
      fmtInt(p.opsPerSec),
      `${fmtMs(p.p50)} / ${fmtMs(p.p95)}`,
      fmtInt(s.opsPerSec),
      `${fmtMs(s.p50)} / ${fmtMs(s.p95)}`,
      fmtInt(r.opsPerSec),
      `${fmtMs(r.p50)} / ${fmtMs(r.p95)}`,
      `**${fmtRatio(series.ratio(`${command} pipelined`, `${command} raw`).throughput)}**`,
      fmtRatio(series.ratio(`${command} plain`, `${command} raw`).throughput),
      `≥ ${target}`,
    ]);
  }

  // 2. One capture's writes as one transaction, through three drivers.
  const doc = JSON.stringify({ ...warm[0], id: 'x' });
  const values = (i: number, tag: string) => ({
    lead: [RAW_TENANT, `${tag}${i}`, AT, 'u', doc],
    history: [RAW_TENANT, `${tag}${i}`, AT, doc],
    team: [RAW_TENANT, `${tag}${i}`],
    reminder: [RAW_TENANT, `${tag}${i}`, AT],
  });
  const SQL = {
    lead: `insert into leads (tenant_id, id, version, created_at, updated_at, owner_id, team_key, doc, status, channel, source, received_at, search)
      values ($1, $2, 1, $3, $3, $4, $2, $5, 'new', 'key_account', 'inbound_call', $3, 'x')`,
    history: `insert into history_events (tenant_id, seq, entity_type, entity_id, event, actor_id, at, version, changes)
      values ($1, nextval('history_events_seq'), 'lead', $2, 'lead.captured', 'u', $3, 1, $4)`,
    team: `insert into team_members (tenant_id, team_key, user_id, role, access, is_owner) values ($1, $2, 'u', 'sales', 'edit', true)`,
    reminder: `insert into reminders (tenant_id, id, key, kind, subject_type, subject_id, user_id, due_at, message, version)
      values ($1, $2, $2, 'follow_up', 'lead', $2, 'u', $3, 'm', 1)`,
  };
  const kinds = ['lead', 'history', 'team', 'reminder'] as const;
  const seqClient = await newPool(1, true).connect();
  const batchClient = await newPool(1, true).connect();
  const pgModule = (await import('pg')).default as unknown as {
    Result: new (mode: undefined, types: unknown) => never;
    types: unknown;
    utils: { prepareValue: (v: unknown) => unknown };
  };
  const parsed = new Set<string>();
  const batchCapture = async (i: number) => {
    const v = values(i, 'b');
    const statements = [
      { text: 'begin isolation level read committed', values: [], parse: true },
      ...kinds.map((k) => ({ text: SQL[k], values: v[k], name: `bench_${k}`, parse: !parsed.has(k) })),
      { text: 'commit', values: [], parse: true },
    ];
    const batch = new PgBatch(
      statements,
      () => new pgModule.Result(undefined, pgModule.types),
      (x) => pgModule.utils.prepareValue(x),
    );
    (batchClient as unknown as { query(b: unknown): void }).query(batch);
    const result = await batch.done;
    if (result.failedAt !== -1) throw new Error(`batch failed at ${result.failedAt}`);
    for (const k of kinds) parsed.add(k);
  };
  const js = postgresJs(URL, { max: 1, connection: { search_path: SCHEMA }, onnotice: () => {} });
  const drivers = new Series();
  for (let round = 0; round < ROUNDS; round++) {
    drivers.add(
      'pg, one statement per round trip',
      await timeCalls(N, async (i) => {
        const v = values(round * N + i, 's');
        await seqClient.query('begin isolation level read committed');
        for (const k of kinds) await seqClient.query({ text: SQL[k], values: v[k], name: `seq_${k}` });
        await seqClient.query('commit');
      }),
    );
    drivers.add('pg, pipelined batch (Gongfu)', await timeCalls(N, (i) => batchCapture(round * N + i)));
    drivers.add(
      'postgres.js 3.4, pipelined',
      await timeCalls(N, async (i) => {
        const v = values(round * N + i, 'j');
        await js.begin('isolation level read committed', (sql) =>
          Promise.all(kinds.map((k) => sql.unsafe(SQL[k], v[k] as never[], { prepare: true }))),
        );
      }),
    );
  }
  seqClient.release();
  batchClient.release();
  await js.end();
  const driverRows = [...drivers.rounds.keys()].map((name) => {
    const s = drivers.summary(name);
    return [
      name,
      fmtInt(s.opsPerSec),
      fmtMs(s.p50),
      fmtMs(s.p95),
      fmtRatio(drivers.ratio(name, 'pg, one statement per round trip').throughput),
    ];
  });

  // 3. Captures from 8 concurrent callers sharing the pool of 8.
  const concurrent = N * 4;
  const t1 = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async (_, c) => {
      for (let i = 0; i < concurrent / 8; i++)
        await w.crm.leads.capture(rep, storyLead({ company: `并发 ${c}-${i}` }));
    }),
  );
  const concurrentOps = concurrent / ((performance.now() - t1) / 1000);

  // 4. Reminders claimed per second by 4 dispatchers on separate pools.
  const reminders = QUICK ? 2000 : 20_000;
  await storage.tenants.create({ id: 'dispatch', name: 'dispatch', createdAt: AT });
  await admin.query(
    `insert into reminders (tenant_id, id, key, kind, subject_type, subject_id, user_id, due_at, message, version)
     select 'dispatch', 'r' || g, 'k' || g, 'follow_up', 'lead', 'l' || g, 'u', $1::timestamptz - make_interval(secs => g), 'm', 1
     from generate_series(1, $2::int) g`,
    [AT, reminders],
  );
  const clock = new ManualClock(AT);
  const dispatchers = await Promise.all(
    [0, 1, 2, 3].map(async (i) =>
      createReminderDispatcher({
        storage: await openStorage(2),
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
  const claimed = reminders / ((performance.now() - t2) / 1000);

  // 5. The race: 16 connections (4 pools × 4) renaming 4 deals round-robin.
  const racers = await Promise.all([0, 1, 2, 3].map(() => openStorage(4)));
  const deals = (await w.crm.opportunities.list(rep, { limit: 4 })).items.map((d) => d.id);
  let accepted = 0;
  let rejected = 0;
  const perWriter = QUICK ? 20 : 200;
  const t3 = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async (_, n) => {
      const crm = createCrm({ storage: racers[n % 4] as CrmStorage, tenant: w.crm.tenantId, clock: w.clock });
      for (let i = 0; i < perWriter; i++) {
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
  const raced = 16 * perWriter;
  const raceOps = raced / ((performance.now() - t3) / 1000);

  const server = (await admin.query('show server_version')).rows[0]?.server_version;
  lines.push(
    `PostgreSQL commands: ${machineLine(`PostgreSQL ${server} on loopback, pool of 8, ${ROUNDS} alternating rounds of ${N} captures and ${M} of each other command, ${people} people in the org`)}`,
    '',
    table(
      [
        'command',
        'pipelined ops/s',
        'p50 / p95 ms',
        'statement by statement ops/s',
        'p50 / p95 ms',
        'raw pg ops/s',
        'raw p50 / p95 ms',
        'ratio pipelined / raw',
        'ratio statement by statement / raw',
        'target',
      ],
      commandRows,
    ),
    '',
    `Round trips per command (pipelined, counted on the pool): ${trips.join(', ')}.`,
    '',
    "A capture's four writes in one transaction, by driver (same statements, prepared):",
    '',
    table(['driver', 'tx/s', 'p50 ms', 'p95 ms', 'vs pg one per round trip'], driverRows),
    '',
    table(
      ['throughput', 'n', 'ops/s'],
      [
        ['leads.capture, 8 concurrent callers (pipelined)', String(concurrent), fmtInt(concurrentOps)],
        ['reminders claimed + delivered + marked, 4 dispatchers', String(reminders), fmtInt(claimed)],
        [
          `racing updates, 16 connections on 4 deals (${accepted} accepted + ${rejected} ConcurrencyError = ${raced})`,
          String(raced),
          fmtInt(raceOps),
        ],
      ],
    ),
  );
  console.log(lines.join('\n'));
} finally {
  for (const s of storages) await s.close().catch(() => undefined);
  await admin.query(`drop schema if exists ${SCHEMA} cascade`).catch(() => undefined);
  for (const p of pools) await p.end().catch(() => undefined);
}
