import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_USAGE } from '../../src/cli/args.js';
import { runCli } from '../../src/cli/run-cli.js';
import { seedOffice } from './seed-office.js';

const PG_URL = process.env.GONGFU_PG_URL || undefined;

/** Runs the CLI in-process, capturing what it prints; GONGFU_PG_URL only when a test passes it. */
async function cli(argv: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('gongfu CLI: migrate, export and import on SQLite', () => {
  let dir: string;
  let db: string;
  let managerId: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongfu-cli-cmd-'));
    db = join(dir, 'office.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has --help for every command, naming its options', async () => {
    for (const command of Object.keys(COMMAND_USAGE)) {
      const run = await cli([command, '--help']);
      expect(run.code, command).toBe(0);
      expect(run.out).toMatch(new RegExp(`^Usage: gongfu ${command} --db <file> \\| --pg <url>`));
    }
    const overview = await cli(['--help']);
    expect(overview.out).toContain('gongfu import');
    expect(overview.out).toContain('gongfu migrate');
  });

  it('migrate creates the file and is safe to run again', async () => {
    expect(existsSync(db)).toBe(false);
    expect(await cli(['migrate', '--db', db])).toMatchObject({
      code: 0,
      out: `${db}: migrated to the latest schema.`,
    });
    expect(existsSync(db)).toBe(true);
    expect((await cli(['migrate', '--db', db])).code).toBe(0);
    // Work done by an app on the migrated file, for the commands below.
    ({ managerId } = await seedOffice(db, '2026-03-10'));
  });

  it('keys the deals for the duplicate check, then finds nothing left to key', async () => {
    const first = await cli(['keys', '--db', db]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^duplicate keys of default up to date: \d+ deals keyed$/);
    expect((await cli(['keys', '--db', db])).out).toBe('duplicate keys of default up to date: 0 deals keyed');
  });

  it('exports a workspace to stdout as JSON lines and to a file', async () => {
    const run = await cli(['export', '--db', db, '--tenant', 'default']);
    expect(run.code).toBe(0);
    const lines = run.out.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(4);
    expect(JSON.stringify(lines[0])).toContain('gongfu');
    expect(run.out).toContain('山东恒通系统集成有限公司');
    const file = join(dir, 'default.jsonl');
    const toFile = await cli(['export', '--db', db, '--tenant', 'default', '--out', file]);
    expect(toFile.code).toBe(0);
    expect(toFile.err).toContain(`${lines.length} lines to ${file}`);
    expect(readFileSync(file, 'utf8')).toBe(`${run.out}\n`);
  });

  it('imports the export into another file, where the review reads the same day', async () => {
    const other = join(dir, 'copy.db');
    expect((await cli(['migrate', '--db', other])).code).toBe(0);
    const file = join(dir, 'default.jsonl');
    const imported = await cli(['import', '--db', other, '--file', file, '--tenant', 'hengtong-copy']);
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.out).toContain('imported workspace hengtong-copy');
    const review = (path: string, tenant?: string) =>
      cli([
        'review',
        '--db',
        path,
        '--as',
        managerId,
        '--day',
        '2026-03-11',
        ...(tenant ? ['--tenant', tenant] : []),
      ]);
    const original = await review(db);
    const copy = await review(other, 'hengtong-copy');
    expect(copy.code).toBe(0);
    expect(copy.out).toBe(original.out);
    expect(copy.out).toContain('山东恒通系统集成有限公司');
    // A second import into the same workspace is refused: it already holds data.
    const again = await cli(['import', '--db', other, '--file', file, '--tenant', 'hengtong-copy']);
    expect(again.code).toBe(1);
    expect(again.err).toContain('CONFLICT');
  });

  it('refuses an export file that does not exist, with the import usage', async () => {
    const run = await cli(['import', '--db', db, '--file', join(dir, 'nope.jsonl')]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/no export file at .*\n\nUsage: gongfu import/);
  });

  it('runs as a program: the bin prints its usage', async () => {
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const { stdout } = await promisify(execFile)(tsx, [
      '--conditions=source',
      'packages/reports/src/cli.ts',
      'duplicates',
      '--help',
    ]);
    expect(stdout).toContain('Usage: gongfu duplicates');
  });
});

describe.skipIf(!PG_URL)('gongfu CLI on PostgreSQL (GONGFU_PG_URL, own schema)', () => {
  const schema = `gf_cli_${process.pid}_${Date.now().toString(36)}`;
  let dir: string;
  afterAll(async () => {
    const pool = new pg.Pool({ connectionString: PG_URL, max: 1 });
    await pool.query(`drop schema if exists "${schema}" cascade`);
    await pool.end();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('migrates a schema from GONGFU_PG_URL and moves a SQLite workspace into it', async () => {
    expect((await cli(['migrate', '--schema', schema], { GONGFU_PG_URL: PG_URL })).code).toBe(0);
    dir = mkdtempSync(join(tmpdir(), 'gongfu-cli-pg-'));
    const db = join(dir, 'office.db');
    const { managerId } = await seedOffice(db, '2026-03-10');
    const file = join(dir, 'export.jsonl');
    expect((await cli(['export', '--db', db, '--tenant', 'default', '--out', file])).code).toBe(0);
    const imported = await cli([
      'import',
      '--pg',
      PG_URL!,
      '--schema',
      schema,
      '--file',
      file,
      '--tenant',
      'office',
    ]);
    expect(imported).toMatchObject({ code: 0 });
    const back = await cli(['export', '--pg', PG_URL!, '--schema', schema, '--tenant', 'office']);
    expect(back.code).toBe(0);
    expect(back.out).toContain(managerId);
    const scan = await cli([
      'duplicates',
      '--pg',
      PG_URL!,
      '--schema',
      schema,
      '--tenant',
      'office',
      '--as',
      managerId,
    ]);
    expect(scan).toMatchObject({ code: 0, out: 'No likely duplicate deals.' });
  });
});
