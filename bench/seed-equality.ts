/**
 * Proves a bulk seed writes what the tenant import writes: the same generated tenant seeded both
 * ways — PostgreSQL into two schemas of a scratch database (bench/copy-seed-postgres.ts), SQLite
 * into two scratch files (bench/bulk-seed-sqlite.ts) — then every table compared: row count and a
 * hash over all its rows (each row as JSON, sorted; the tenant's random `org_epoch` and the
 * migrations' run times left out), the index and trigger definitions (the bulk seeds drop and
 * make them again), PostgreSQL's history sequence; with each seed's wall time, this process's CPU
 * and (PostgreSQL) the backend's CPU, steadier than wall time on a loaded machine.
 *
 *   npx tsx bench/seed-equality.ts [--engine postgres|sqlite] [--n 10000] [--chunk 4096] [--database gf_seed_equality]
 *
 * Exits non-zero when anything differs. The scratch database or files are removed afterwards.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { argValue } from './measure.js';
import { runFromSource } from './support.js';

runFromSource(4096);

const { default: pg } = await import('pg');
const { default: Database } = await import('better-sqlite3');
const { postgresStorage } = await import('@gongfu/storage-postgres');
const { sqliteStorage } = await import('@gongfu/storage-sqlite');
const { tenantRows } = await import('./read-data.js');
const { makeTemplates } = await import('./read-templates.js');
const { copySeed } = await import('./copy-seed-postgres.js');
const { bulkSeedSqlite } = await import('./bulk-seed-sqlite.js');
const { analyzeAsImported } = await import('./sqlite-analyze.js');

const ENGINE = argValue('--engine') ?? 'postgres';
const PG_URL = process.env.GONGFU_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const N = Number(argValue('--n') ?? 10_000);
const CHUNK = Number(argValue('--chunk') ?? 4096);
const DATABASE = argValue('--database') ?? 'gf_seed_equality';
if (!/^[a-z_][a-z0-9_]*$/.test(DATABASE)) throw new Error('--database: lower-case letters, digits and _');
const TENANT = { id: 'acme', name: 'Acme', createdAt: '2025-01-01T00:00:00.000Z' };

const templates = await makeTemplates();
const rows = () => tenantRows(TENANT.id, N, templates, {});

/** One seeded copy of the tenant, as the comparison reads it. */
interface Side {
  tables(): Promise<string[]>;
  /** Row count and a hash of the table's rows. */
  summary(table: string): Promise<{ n: number; sum: string }>;
  /** Index and trigger definitions, the schema's name taken out. */
  definitions(): Promise<string>;
  /** Other state worth comparing, by label. */
  extras(): Promise<Record<string, string>>;
}

interface SeedFigures {
  wallS: number;
  nodeCpuS: number;
  /** PostgreSQL backend CPU, s (NaN for SQLite: its work is this process's). */
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

/** The migrations' own bookkeeping (when each ran) is not the tenant's rows. */
const BOOKKEEPING = /^kysely_migration/;

/** CPU ms a PostgreSQL backend on this machine has used, from its /proc stat. */
async function backendCpuMs(pool: import('pg').Pool): Promise<number> {
  const { rows: r } = await pool.query('select pg_backend_pid() as pid');
  const fields = readFileSync(`/proc/${r[0].pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function postgresSides(): Promise<{
  sides: [Side, Side];
  figures: [SeedFigures, SeedFigures];
  done(): Promise<void>;
}> {
  const url = new URL(PG_URL);
  url.pathname = `/${DATABASE}`;
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.query(`create database ${DATABASE}`);
  // The import, on one pooled connection kept open so its backend's CPU can be read.
  const importPool = new pg.Pool({ connectionString: url.toString(), max: 1, idleTimeoutMillis: 0 });
  const storage = await postgresStorage({ pool: importPool }, { schema: 'seed_import' });
  const byImport = await timed(async () => {
    const before = await backendCpuMs(importPool);
    await storage.tenants.importRows(TENANT, rows(), { rowsPerTransaction: CHUNK });
    return (await backendCpuMs(importPool)) - before;
  });
  await storage.close();
  await importPool.end();
  // A storage made only for its migrations: the same tables, indexes and triggers.
  const migratePool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  await (await postgresStorage({ pool: migratePool }, { schema: 'seed_bulk' })).close();
  await migratePool.end();
  const byCopy = await timed(
    async () =>
      (await copySeed({ url: url.toString(), schema: 'seed_bulk', tenant: TENANT, rows })).serverCpuMs,
  );
  const db = new pg.Pool({ connectionString: url.toString(), max: 1 });
  const side = (schema: string): Side => ({
    async tables() {
      const { rows: r } = await db.query<{ name: string }>(
        `select table_name as name from information_schema.tables
         where table_schema = $1 and table_type = 'BASE TABLE' order by 1`,
        [schema],
      );
      return r.map((t) => t.name);
    },
    async summary(table) {
      const row = `(to_jsonb(t) - 'org_epoch')::text`;
      const { rows: r } = await db.query(
        `select count(*)::int as n, md5(coalesce(string_agg(${row}, '|' order by ${row}), '')) as sum from ${schema}.${table} t`,
      );
      return r[0] as { n: number; sum: string };
    },
    async definitions() {
      const { rows: r } = await db.query(
        `select coalesce(string_agg(replace(indexdef, $1, 's.'), E'\\n' order by indexname), '') as defs
         from pg_indexes where schemaname = $2`,
        [`${schema}.`, schema],
      );
      return r[0].defs as string;
    },
    async extras() {
      const { rows: r } = await db.query(`select last_value::text as v from ${schema}.history_events_seq`);
      return { 'history_events_seq last value': r[0].v as string };
    },
  });
  return {
    sides: [side('seed_import'), side('seed_bulk')],
    figures: [byImport, byCopy],
    async done() {
      await db.end();
      await admin.query(`drop database if exists ${DATABASE} with (force)`);
      await admin.end();
    },
  };
}

async function sqliteSides(): Promise<{
  sides: [Side, Side];
  figures: [SeedFigures, SeedFigures];
  done(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'gongfu-seed-equality-'));
  const [importFile, bulkFile] = [join(dir, 'import.db'), join(dir, 'bulk.db')];
  const storage = await sqliteStorage({ filename: importFile });
  const byImport = await timed(async () => {
    await storage.tenants.importRows(TENANT, rows(), { rowsPerTransaction: CHUNK });
    return Number.NaN;
  });
  await storage.close();
  await (await sqliteStorage({ filename: bulkFile })).close();
  const byBulk = await timed(async () => {
    const raw = new Database(bulkFile);
    bulkSeedSqlite({ db: raw, tenant: TENANT, rows });
    await analyzeAsImported(raw);
    raw.close();
    return Number.NaN;
  });
  const opened: InstanceType<typeof Database>[] = [];
  const side = (file: string): Side => {
    const db = new Database(file, { readonly: true });
    opened.push(db);
    return {
      async tables() {
        return (
          db.prepare(`select name from sqlite_schema where type = 'table' order by name`).all() as {
            name: string;
          }[]
        ).map((t) => t.name);
      },
      async summary(table) {
        const lines = (db.prepare(`select * from "${table}"`).all() as Record<string, unknown>[])
          .map(({ org_epoch: _, ...row }) => JSON.stringify(row))
          .sort();
        return { n: lines.length, sum: createHash('md5').update(lines.join('|')).digest('hex') };
      },
      async definitions() {
        return (
          db
            .prepare(
              `select type || ' ' || name || ': ' || sql as d from sqlite_schema
               where type in ('index', 'trigger') and sql is not null order by type, name`,
            )
            .all() as { d: string }[]
        )
          .map((r) => r.d.replace(/\s+/g, ' '))
          .join('\n');
      },
      async extras() {
        return {};
      },
    };
  };
  return {
    sides: [side(importFile), side(bulkFile)],
    figures: [byImport, byBulk],
    async done() {
      for (const db of opened) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const load: number[] = [loadavg()[0] ?? 0];
const compared = ENGINE === 'sqlite' ? await sqliteSides() : await postgresSides();
load.push(loadavg()[0] ?? 0);
const [a, b] = compared.sides;
const lines: string[] = [];
let differing = 0;
const tables = await a.tables();
if (tables.join() !== (await b.tables()).join()) differing++;
for (const name of tables) {
  if (BOOKKEEPING.test(name)) continue;
  const [x, y] = [await a.summary(name), await b.summary(name)];
  const same = x.n === y.n && x.sum === y.sum;
  // SQLite's sampled statistics depend on how the b-trees were built: shown, not required equal.
  const required = !name.startsWith('sqlite_stat');
  if (!same && required) differing++;
  if (x.n > 0 || y.n > 0 || !same)
    lines.push(
      `| ${name} | ${x.n.toLocaleString('en-US')} | ${y.n.toLocaleString('en-US')} | ${x.sum.slice(0, 12)} | ${y.sum.slice(0, 12)} | ${same ? 'yes' : required ? '**no**' : 'no (statistics)'} |`,
    );
}
const sameDefinitions = (await a.definitions()) === (await b.definitions());
if (!sameDefinitions) differing++;
lines.push(`| (index and trigger definitions) | | | | | ${sameDefinitions ? 'yes' : '**no**'} |`);
const [ea, eb] = [await a.extras(), await b.extras()];
for (const [label, value] of Object.entries(ea)) {
  if (value !== eb[label]) differing++;
  lines.push(`| (${label}) | ${value} | ${eb[label]} | | | ${value === eb[label] ? 'yes' : '**no**'} |`);
}
await compared.done();

let rowCount = 0;
for (const _ of rows()) rowCount++;
console.log(
  `Seed equality, ${ENGINE}, n = ${N.toLocaleString('en-US')} (${rowCount.toLocaleString('en-US')} rows; import in chunks of ${CHUNK}); load average ${load.map((l) => l.toFixed(1)).join(' → ')}`,
);
console.log('');
console.log('| table (non-empty) | rows, import | rows, bulk | hash, import | hash, bulk | equal |');
console.log('|---|---:|---:|---|---|---|');
console.log(lines.join('\n'));
console.log('');
console.log(
  `${tables.length} tables compared, ${differing} differences (tables empty on both sides not listed).`,
);
console.log('');
console.log(
  '| seed | wall s | rows/s (wall) | Node CPU s | PostgreSQL backend CPU s | CPU µs per row, both |',
);
console.log('|---|---:|---:|---:|---:|---:|');
for (const [name, f] of [
  ['import', compared.figures[0]],
  ['bulk', compared.figures[1]],
] as const) {
  const server = Number.isNaN(f.serverCpuS) ? 0 : f.serverCpuS;
  console.log(
    `| ${name} | ${f.wallS.toFixed(1)} | ${Math.round(rowCount / f.wallS).toLocaleString('en-US')} | ${f.nodeCpuS.toFixed(1)} | ${Number.isNaN(f.serverCpuS) ? '–' : f.serverCpuS.toFixed(1)} | ${Math.round(((f.nodeCpuS + server) * 1e6) / rowCount)} |`,
  );
}
process.exitCode = differing === 0 ? 0 : 1;
