import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

const PG_URL = process.env.GONGFU_PG_URL || undefined;
if (!PG_URL)
  console.warn('examples/postgres test skipped: set GONGFU_PG_URL to a PostgreSQL server to run it');

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

describe.skipIf(!PG_URL)('examples/postgres against the real server', () => {
  const schema = `gf_example_${process.pid}_${Date.now().toString(36)}`;
  afterAll(async () => {
    const pool = new pg.Pool({ connectionString: PG_URL, max: 1 });
    await pool.query(`drop schema if exists "${schema}" cascade`);
    await pool.end();
  });

  it('tells the story, then two app-server processes share the database and one delivers the follow-up once', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', main, '--lang', 'en'],
      { env: { ...process.env, GONGFU_PG_URL: PG_URL, GONGFU_PG_SCHEMA: schema }, timeout: 120_000 },
    );
    // The story ran on PostgreSQL: the duplicate found and resolved, the funnel agreeing.
    expect(stdout).toContain('"瑞达 仓储扫描项目" is closed as its duplicate');
    expect(stdout).toContain(
      "4 leads were converted; 1 of them turned out to be another's deal, so there are 3 opportunities.",
    );
    // Then the two servers.
    expect(stdout).toMatch(
      /server-a \(dispatches reminders\) http:\/\/127\.0\.0\.1:\d+; server-b http:\/\/127\.0\.0\.1:\d+/,
    );
    expect(stdout).toContain('server-b: 丙 captures the lead 济南百货大楼');
    expect(stdout).toMatch(/server-a: delivered "\S.*济南百货大楼/);
    expect(stdout).toContain('server-a records a quote; server-b reads 1 quote(s)');
    expect(stdout).toContain('6 leads captured on both servers at once');
    expect(stdout).toContain('The follow-up went out 1 time(s) in all');
    // Everything it wrote is in its own schema.
    const pool = new pg.Pool({ connectionString: PG_URL, max: 1 });
    const { rows } = await pool.query(`select count(*)::int as n from "${schema}".leads`);
    await pool.end();
    // The story's five leads, 丙's call on server B and the six from both servers at once.
    expect(rows[0].n).toBe(5 + 1 + 6);
  }, 180_000);
});
