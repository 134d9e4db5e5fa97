/**
 * The change feed's cost and the event dispatcher's speed, on SQLite and PostgreSQL: lead captures
 * through `createCrm` with the feed on and off in alternating rounds (commands/s beside events
 * appended/s, and the ratio), then 4 dispatchers draining the tenant's feed to a handler that does
 * nothing (events/s). Not a timed test: it prints figures.
 *
 *   GONGFU_PG_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/change-feed.bench.ts [--rounds 5] [--n 300] [--no-postgres]
 *
 * PostgreSQL runs in a schema of its own, dropped afterwards.
 */
import type { Crm, CrmStorage } from '@gongfu/core';
import { argValue, fmtInt, fmtRatio, machineLine, median, table } from './measure.js';
import { runFromSource } from './support.js';

runFromSource();

const { default: pg } = await import('pg');
const { createCrm, createEventDispatcher, ManualClock } = await import('@gongfu/core');
const { sqliteStorage } = await import('@gongfu/storage-sqlite');
const { postgresStorage } = await import('@gongfu/storage-postgres');
const { openWorld, storyLead, allEvents } = await import('@gongfu/service-suites');

const URL = process.env.GONGFU_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROUNDS = Number(argValue('--rounds') ?? 5);
const N = Number(argValue('--n') ?? 300);
const POSTGRES = !process.argv.includes('--no-postgres');
const SCHEMA = `gf_feed_bench_${process.pid}`;

interface Engine {
  name: string;
  /** Four storages on one database (SQLite: the one connection, shared). */
  servers: CrmStorage[];
  close(): Promise<void>;
}

async function sqliteEngine(): Promise<Engine> {
  const storage = await sqliteStorage({ filename: ':memory:' });
  return { name: 'SQLite', servers: [storage, storage, storage, storage], close: () => storage.close() };
}

async function postgresEngine(): Promise<Engine> {
  const admin = new pg.Pool({ connectionString: URL, max: 1 });
  await admin.query(`create schema "${SCHEMA}"`);
  const pools: import('pg').Pool[] = [];
  const servers: CrmStorage[] = [];
  for (let i = 0; i < 4; i++) {
    const pool = new pg.Pool({ connectionString: URL, max: 2 });
    pools.push(pool);
    servers.push(await postgresStorage({ pool }, { schema: SCHEMA, migrate: i === 0 }));
  }
  return {
    name: 'PostgreSQL',
    servers,
    async close() {
      for (const s of servers) await s.close();
      await admin.query(`drop schema "${SCHEMA}" cascade`);
      await admin.end();
    },
  };
}

/** Captures per second through `crm` (one caller, one after another). */
async function captures(
  crm: Crm,
  rep: Parameters<Crm['leads']['capture']>[0],
  round: number,
): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < N; i++) await crm.leads.capture(rep, storyLead({ company: `基准公司${round}-${i}` }));
  return N / ((performance.now() - start) / 1000);
}

async function measure(engine: Engine): Promise<string[][]> {
  const w = await openWorld(engine.servers[0] as CrmStorage);
  const off = createCrm({
    storage: engine.servers[0] as CrmStorage,
    tenant: w.crm.tenantId,
    changeFeed: false,
  });
  const on: number[] = [];
  const without: number[] = [];
  const appended: number[] = [];
  await captures(w.crm, w.org.repA, -1); // warm-up: statements prepared, org chart cached
  await captures(off, w.org.repA, -2);
  for (let r = 0; r < ROUNDS; r++) {
    const before = (await allEvents(w.crm)).length;
    const rate = await captures(w.crm, w.org.repA, r);
    const events = (await allEvents(w.crm)).length - before;
    on.push(rate);
    appended.push(rate * (events / N));
    without.push(await captures(off, w.org.repA, r + 1000));
  }
  const total = (await allEvents(w.crm)).length;
  const clock = new ManualClock('2026-03-03T01:00:00.000Z');
  let handled = 0;
  const dispatchers = engine.servers.map((storage, i) =>
    createEventDispatcher({
      storage,
      tenants: [w.crm.tenantId],
      workerId: `bench-${i}`,
      handlers: [{ name: 'noop', handle: async () => void handled++ }],
      batchSize: 200,
      clock,
    }),
  );
  const start = performance.now();
  while (handled < total) await Promise.all(dispatchers.map((d) => d.runOnce()));
  const dispatchRate = handled / ((performance.now() - start) / 1000);
  const mOn = median(on);
  const mOff = median(without);
  return [
    [
      engine.name,
      fmtInt(mOff),
      fmtInt(mOn),
      fmtRatio(mOn / mOff),
      `${((1 - mOn / mOff) * 100).toFixed(1)} %`,
      fmtInt(median(appended)),
      `${fmtInt(dispatchRate)} (${fmtInt(handled)} events)`,
    ],
  ];
}

const rows: string[][] = [];
for (const open of POSTGRES ? [sqliteEngine, postgresEngine] : [sqliteEngine]) {
  const engine = await open();
  try {
    rows.push(...(await measure(engine)));
  } finally {
    await engine.close();
  }
}
console.log(machineLine(`${ROUNDS} alternating rounds of ${N} lead captures, medians`));
console.log(
  table(
    [
      'engine',
      'captures/s feed off',
      'captures/s feed on',
      'on / off',
      'feed cost',
      'events appended/s',
      'dispatcher events/s (4 workers)',
    ],
    rows,
  ),
);
