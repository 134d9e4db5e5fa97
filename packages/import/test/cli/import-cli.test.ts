import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCrm, sequentialIds } from '@gongfu/core';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_USAGE, runImportCli } from '../../src/cli/run-import-cli.js';

const PG_URL = process.env.GONGFU_PG_URL || undefined;

/** Runs `gongfu-import` in-process, capturing what it prints; GONGFU_PG_URL only when a test passes it. */
async function cli(argv: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runImportCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const ACCOUNTS = [
  'name,kind,region.province,phones',
  '山东恒通系统集成有限公司,system_integrator,37,0531-8888 0000',
  ',end_user,37,',
  '青岛瑞达信息技术有限公司,end_user,37,0532-8666 1234',
  '济南远方物流有限公司,space_station,37,',
].join('\n');

/** An admin in a fresh workspace behind `storage`; returns their id for `--as`. */
async function seedAdmin(storage: Awaited<ReturnType<typeof sqliteStorage>>): Promise<string> {
  try {
    const crm = createCrm({ storage, ids: sequentialIds() });
    return (await crm.users.create(crm.system, { name: 'Admin', role: 'admin' })).id;
  } finally {
    await storage.close();
  }
}

const countsOf = (out: string) =>
  (JSON.parse(out.slice(0, out.indexOf('\n}') + 2)) as { counts: unknown }).counts;

describe('gongfu-import import-csv on SQLite', () => {
  let dir: string;
  let db: string;
  let file: string;
  let adminId: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongfu-import-cli-'));
    db = join(dir, 'office.db');
    file = join(dir, 'accounts.csv');
    writeFileSync(file, `${ACCOUNTS}\n`);
    adminId = await seedAdmin(await sqliteStorage({ filename: db }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has --help naming every option', async () => {
    for (const argv of [['import-csv', '--help'], ['--help'], ['help']]) {
      const run = await cli(argv);
      expect(run.code).toBe(0);
      expect(run.out).toBe(IMPORT_USAGE);
    }
    for (const flag of ['--kind', '--file', '--dry-run', '--as', '--run-id', '--db', '--pg', '--schema'])
      expect(IMPORT_USAGE).toContain(flag);
  });

  it('a dry run reports valid, invalid and why, and writes nothing', async () => {
    const args = ['--db', db, '--kind', 'accounts', '--file', file, '--as', adminId, '--run-id', 'r1'];
    const run = await cli(['import-csv', ...args, '--dry-run']);
    expect(run.code, run.err).toBe(0);
    expect(countsOf(run.out)).toEqual({
      valid: 2,
      invalid: 2,
      duplicate: 0,
      imported: 0,
      already_imported: 0,
    });
    expect(run.out).toMatch(/row 2: invalid — name: /);
    expect(run.out).toMatch(/row 4: invalid — kind: /);
    const storage = await sqliteStorage({ filename: db });
    const crm = createCrm({ storage });
    expect((await crm.accounts.list({ id: adminId }, {})).items).toEqual([]);
    await storage.close();
  });

  it('imports the valid rows, and the same --run-id again skips them', async () => {
    const args = ['--db', db, '--kind', 'accounts', '--file', file, '--as', adminId, '--run-id', 'r2'];
    const first = await cli(['import-csv', ...args]);
    expect(first.code, first.err).toBe(0);
    expect(countsOf(first.out)).toMatchObject({ imported: 2, invalid: 2 });
    const again = await cli(['import-csv', ...args]);
    expect(countsOf(again.out)).toMatchObject({ imported: 0, already_imported: 2 });
    const storage = await sqliteStorage({ filename: db });
    const names = (await createCrm({ storage }).accounts.list({ id: adminId }, {})).items.map((a) => a.name);
    await storage.close();
    expect(names.sort()).toEqual(['山东恒通系统集成有限公司', '青岛瑞达信息技术有限公司'].sort());
    // A new run sees the imported customers as duplicates of what is now on file.
    const dup = await cli(['import-csv', ...args.slice(0, -1), 'r3', '--dry-run']);
    expect(countsOf(dup.out)).toMatchObject({ duplicate: 2, valid: 0 });
  });

  it('still accepts the older form without the command word (--entity, --run)', async () => {
    const run = await cli([
      '--db',
      db,
      '--entity',
      'account',
      '--file',
      file,
      '--as',
      adminId,
      '--run',
      'r2',
    ]);
    expect(run.code, run.err).toBe(0);
    expect(countsOf(run.out)).toMatchObject({ already_imported: 2 });
  });

  it('says what is wrong with the usage (exit 2) and names an unknown user (exit 1)', async () => {
    const base = ['import-csv', '--db', db, '--file', file, '--as', adminId, '--run-id', 'r9'];
    const cases: [string[], string][] = [
      [[...base], '--kind is required'],
      [[...base, '--kind', 'deals'], '--kind must be one of accounts, contacts, leads, products'],
      [[...base, '--kind', 'leads', '--schema', 'x'], '--schema is for PostgreSQL'],
      [[...base, '--kind', 'leads', '--pg', 'postgres://x'], 'give --db or --pg, not both'],
      [['import-csv', '--kind', 'leads', '--file', join(dir, 'nope.csv')], 'no file at'],
      [['export', '--kind', 'leads'], 'unknown command export'],
      [
        ['import-csv', '--kind', 'leads', '--file', file, '--as', adminId, '--run-id', 'r9'],
        '--db is required',
      ],
    ];
    for (const [argv, message] of cases) {
      const run = await cli(argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.err).toContain(message);
      expect(run.err).toContain('Usage: gongfu-import import-csv');
    }
    const fresh = join(dir, 'fresh.csv');
    writeFileSync(fresh, 'name,kind\n济南华信软件有限公司,end_user\n');
    const stranger = await cli([
      'import-csv',
      '--db',
      db,
      '--file',
      fresh,
      '--as',
      'user_999',
      '--run-id',
      'r9',
      '--kind',
      'accounts',
    ]);
    expect(stranger.code, stranger.out + stranger.err).toBe(1);
    expect(stranger.err).toMatch(/^gongfu-import: \w+/);
  });
});

describe.skipIf(!PG_URL)('gongfu-import import-csv on PostgreSQL (GONGFU_PG_URL, own schema)', () => {
  const schema = `gf_imp_cli_${process.pid}_${Date.now().toString(36)}`;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gongfu-import-cli-pg-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    const pool = new pg.Pool({ connectionString: PG_URL, max: 1 });
    await pool.query(`drop schema if exists "${schema}" cascade`);
    await pool.end();
  });

  it('imports leads into a schema named by --schema, the server from GONGFU_PG_URL', async () => {
    const { postgresStorage } = await import('@gongfu/storage-postgres');
    const adminId = await seedAdmin(
      await postgresStorage({ connectionString: PG_URL! }, { schema, migrate: true }),
    );
    const file = join(dir, 'leads.csv');
    writeFileSync(
      file,
      'source,receivedAt,company,contact.name\ninbound_call,2026-03-10T09:15:00+08:00,山东恒通系统集成有限公司,王工\n',
    );
    const argv = [
      'import-csv',
      '--schema',
      schema,
      '--kind',
      'leads',
      '--file',
      file,
      '--as',
      adminId,
      '--run-id',
      'p1',
    ];
    const run = await cli(argv, { GONGFU_PG_URL: PG_URL });
    expect(run.code, run.err + run.out).toBe(0);
    expect(countsOf(run.out)).toMatchObject({ imported: 1, invalid: 0 });
    const storage = await postgresStorage({ connectionString: PG_URL! }, { schema });
    const leads = (await createCrm({ storage }).leads.list({ id: adminId }, {})).items;
    await storage.close();
    expect(leads.map((l) => l.company)).toEqual(['山东恒通系统集成有限公司']);
  });
});
