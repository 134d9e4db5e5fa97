/**
 * Proves the COPY seed (bench/copy-seed-postgres.ts) writes what the tenant import writes: the
 * same generated tenant seeded both ways into two schemas of a scratch database, then every table
 * of the schema compared — row count and an md5 over all its rows (each row as JSON, sorted; the
 * tenant's random `org_epoch` left out) — with the history sequence, and both seeds' wall time,
 * this process's CPU and the PostgreSQL backend's CPU (steadier than wall time on a loaded box).
 *
 *   npx tsx bench/seed-equality.ts [--n 10000] [--chunk 4096] [--database gf_seed_equality]
 *
 * Exits non-zero when any table differs. The scratch database is dropped afterwards.
 */
import { loadavg } from 'node:os';
import { argValue } from './measure.js';
import { runFromSource } from './support.js';

runFromSource(4096);

const { default: pg } = await import('pg');
const { postgresStorage } = await import('@gongfu/storage-postgres');
const { tenantRows } = await import('./read-data.js');
const { makeTemplates } = await import('./read-templates.js');
const { copySeed } = await import('./copy-seed-postgres.js');

const PG_URL = process.env.GONGFU_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const N = Number(argValue('--n') ?? 10_000);
const CHUNK = Number(argValue('--chunk') ?? 4096);
const DATABASE = argValue('--database') ?? 'gf_seed_equality';
if (!/^[a-z_][a-z0-9_]*$/.test(DATABASE)) throw new Error('--database: lower-case letters, digits and _');
const TENANT = { id: 'acme', name: 'Acme', createdAt: '2025-01-01T00:00:00.000Z' };

const url = new URL(PG_URL);
url.pathname = `/${DATABASE}`;
const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
await admin.query(`drop database if exists ${DATABASE} with (force)`);
await admin.query(`create database ${DATABASE}`);

const templates = await makeTemplates();
const rows = () => tenantRows(TENANT.id, N, templates, {});

/** CPU ms a backend on this machine has used, from its /proc stat. */
async function backendCpuMs(pool: import('pg').Pool): Promise<number> {
  const { rows: r } = await pool.query('select pg_backend_pid() as pid');
  const { readFileSync } = await import('node:fs');
  const fields = readFileSync(`/proc/${r[0].pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

interface SeedFigures {
  wallS: number;
  nodeCpuS: number;
  serverCpuS: number;
}

async function timed(fn: () => Promise<number>): Promise<SeedFigures> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const serverMs = await fn();
  const used = process.cpuUsage(cpu);
  return {
    wallS: (performance.now() - wall) / 1000,
    nodeCpuS: (used.user + used.system) / 1e6,
    serverCpuS: serverMs / 1000,
  };
}

/** The import, on one pooled connection kept open so its backend's CPU can be read. */
async function seedByImport(schema: string): Promise<SeedFigures> {
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1, idleTimeoutMillis: 0 });
  const storage = await postgresStorage({ pool }, { schema });
  try {
    return await timed(async () => {
      const before = await backendCpuMs(pool);
      await storage.tenants.importRows(TENANT, rows(), { rowsPerTransaction: CHUNK });
      return (await backendCpuMs(pool)) - before;
    });
  } finally {
    await storage.close();
    await pool.end();
  }
}

async function seedByCopy(schema: string): Promise<SeedFigures> {
  // The storage made only for its migrations: the same tables, indexes and triggers.
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  await (await postgresStorage({ pool }, { schema })).close();
  await pool.end();
  return timed(
    async () => (await copySeed({ url: url.toString(), schema, tenant: TENANT, rows })).serverCpuMs,
  );
}

const load: number[] = [loadavg()[0] ?? 0];
const byImport = await seedByImport('seed_import');
load.push(loadavg()[0] ?? 0);
const byCopy = await seedByCopy('seed_copy');
load.push(loadavg()[0] ?? 0);

const db = new pg.Pool({ connectionString: url.toString(), max: 1 });
const { rows: tables } = await db.query<{ name: string }>(
  `select table_name as name from information_schema.tables
   where table_schema = 'seed_import' and table_type = 'BASE TABLE' order by 1`,
);
const summary = async (schema: string, table: string) => {
  const row = `(to_jsonb(t) - 'org_epoch')::text`;
  const { rows: r } = await db.query(
    `select count(*)::int as n, md5(coalesce(string_agg(${row}, '|' order by ${row}), '')) as sum from ${schema}.${table} t`,
  );
  return r[0] as { n: number; sum: string };
};
const lines: string[] = [];
let differing = 0;
for (const { name } of tables) {
  // The migrations' own bookkeeping (when each ran) is not the tenant's rows.
  if (name.startsWith('kysely_migration')) continue;
  const [a, b] = [await summary('seed_import', name), await summary('seed_copy', name)];
  const same = a.n === b.n && a.sum === b.sum;
  if (!same) differing++;
  if (a.n > 0 || b.n > 0 || !same)
    lines.push(
      `| ${name} | ${a.n.toLocaleString('en-US')} | ${b.n.toLocaleString('en-US')} | ${a.sum.slice(0, 12)} | ${b.sum.slice(0, 12)} | ${same ? 'yes' : '**no**'} |`,
    );
}
// The COPY seed drops and rebuilds indexes: the same ones must be there afterwards.
const indexes = async (schema: string) =>
  (
    await db.query(
      `select string_agg(replace(indexdef, $1, 's'), E'\n' order by indexname) as defs from pg_indexes where schemaname = $2`,
      [`${schema}.`, schema],
    )
  ).rows[0].defs as string;
const sameIndexes = (await indexes('seed_import')) === (await indexes('seed_copy'));
if (!sameIndexes) differing++;
const seq = async (schema: string) =>
  (await db.query(`select last_value::text as v from ${schema}.history_events_seq`)).rows[0].v as string;
const [seqA, seqB] = [await seq('seed_import'), await seq('seed_copy')];
if (seqA !== seqB) differing++;
await db.end();
await admin.query(`drop database if exists ${DATABASE} with (force)`);
await admin.end();

const total = tables.length;
console.log(
  `Seed equality at n = ${N.toLocaleString('en-US')} (import in chunks of ${CHUNK}); load average ${load.map((l) => l.toFixed(1)).join(' → ')}`,
);
console.log('');
console.log('| table (non-empty) | rows, import | rows, COPY | md5, import | md5, COPY | equal |');
console.log('|---|---:|---:|---|---|---|');
console.log(lines.join('\n'));
console.log(
  `| (history_events_seq last value) | ${seqA} | ${seqB} | | | ${seqA === seqB ? 'yes' : '**no**'} |`,
);
console.log('');
console.log(
  `${total} tables compared, ${differing} differ (empty tables equal on both sides are not listed).`,
);
console.log('');
const rowsN = tenantRowCountOf();
console.log(
  '| seed | wall s | rows/s (wall) | Node CPU s | PostgreSQL backend CPU s | server CPU µs per row |',
);
console.log('|---|---:|---:|---:|---:|---:|');
for (const [name, f] of [
  ['import', byImport],
  ['COPY', byCopy],
] as const)
  console.log(
    `| ${name} | ${f.wallS.toFixed(1)} | ${Math.round(rowsN / f.wallS).toLocaleString('en-US')} | ${f.nodeCpuS.toFixed(1)} | ${f.serverCpuS.toFixed(1)} | ${Math.round((f.serverCpuS * 1e6) / rowsN)} |`,
  );
process.exitCode = differing === 0 ? 0 : 1;

function tenantRowCountOf(): number {
  let n = 0;
  for (const _ of rows()) n++;
  return n;
}
