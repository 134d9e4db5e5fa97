import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from '../../src/cli/args.js';
import { runCli } from '../../src/cli/run-cli.js';
import { seedOffice } from './seed-office.js';

/** Runs the CLI in-process, capturing what it prints. */
async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('gongfu CLI: arguments', () => {
  let dir: string;
  let db: string;
  let managerId: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongfu-cli-'));
    db = join(dir, 'sales.db');
    ({ managerId } = await seedOffice(db, '2026-03-06'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [[], /name a command/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['export', '--db', 'x.db'], /--tenant is required/],
    [['import', '--db', 'x.db'], /--file is required/],
    [['migrate', '--db', 'x.db', '--pg', 'postgres://h/db'], /choose one database/],
    [['migrate', '--db', 'x.db', '--schema', 's'], /--schema is for PostgreSQL/],
    [['migrate', '--db', 'x.db', '--as', 'u1'], /--as belongs to the duplicates command/],
    [['review', 'duplicates'], /one command at a time/],
    [['review', '--as', 'u1', '--day', '2026-03-07'], /--db is required/],
    [['duplicates', '--db', 'x.db'], /--as is required/],
    [['review', '--db', 'x.db', '--as', 'u1'], /--day is required/],
    [['review', '--db', 'x.db', '--as', 'u1', '--day', '7 March'], /--day must be a date/],
    [['review', '--db', 'x.db', '--as', 'u1', '--day', '2026-13-40'], /--day must be a date/],
    [['duplicates', '--db', 'x.db', '--as', 'u1', '--limit', '0'], /--limit must be a whole number/],
    [
      ['review', '--db', 'x.db', '--as', 'u1', '--day', '2026-03-07', '--per-person', '101'],
      /--per-person must be a whole number from 1 to 100/,
    ],
    [
      ['review', '--db', 'x.db', '--as', 'u1', '--day', '2026-03-07', '--per-person', '2.5'],
      /--per-person must be a whole number/,
    ],
    [['duplicates', '--db', 'x.db', '--as', 'u1', '--per-person', '3'], /--per-person belongs to the review/],
    [['duplicates', '--db', 'x.db', '--as', 'u1', '--day', '2026-03-07'], /--day belongs to the review/],
    [['duplicates', '--db', 'x.db', '--as', 'u1', '--colour'], /Unknown option '--colour'/],
    [['duplicates', '--db', '--as', 'u1'], /--db/],
  ])('%j is refused with a clear message', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('parses well-formed commands', () => {
    expect(
      parseCliArgs(['review', '--db', 's.db', '--as', 'u1', '--day', '2026-03-07', '--tz', 'Asia/Shanghai']),
    ).toEqual({
      command: 'review',
      store: { kind: 'sqlite', filename: 's.db' },
      as: 'u1',
      day: '2026-03-07',
      timeZone: 'Asia/Shanghai',
    });
    expect(
      parseCliArgs(['review', '--db', 's.db', '--as', 'u1', '--day', '2026-03-07', '--per-person', '3']),
    ).toMatchObject({ command: 'review', perPerson: 3 });
    expect(parseCliArgs(['duplicates', '--db=s.db', '--as=u1', '--limit', '5'])).toEqual({
      command: 'duplicates',
      store: { kind: 'sqlite', filename: 's.db' },
      as: 'u1',
      limit: 5,
    });
    expect(parseCliArgs(['--help'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['export', '--help'])).toEqual({ command: 'help', topic: 'export' });
    expect(parseCliArgs(['migrate'], { GONGFU_PG_URL: 'postgres://h/db' })).toEqual({
      command: 'migrate',
      store: { kind: 'pg', url: 'postgres://h/db' },
    });
    expect(
      parseCliArgs(['migrate', '--pg', 'postgres://x/y', '--schema', 'gongfu'], {
        GONGFU_PG_URL: 'postgres://h/db',
      }),
    ).toEqual({
      command: 'migrate',
      store: { kind: 'pg', url: 'postgres://x/y', schema: 'gongfu' },
    });
  });

  it('exits with 2 and the usage on bad arguments, before touching any file', async () => {
    const run = await cli(['review', '--db', db, '--as', managerId]);
    expect(run).toMatchObject({ code: 2, out: '' });
    expect(run.err).toMatch(/^gongfu: --day is required\n\nUsage: gongfu review /);
  });

  it('exits with 2 for a database file that does not exist (it never creates one)', async () => {
    const run = await cli(['duplicates', '--db', join(dir, 'nope.db'), '--as', managerId]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('no database file at');
  });

  it('exits with 2 for a bad time zone and 1 for an unknown user', async () => {
    expect(
      (await cli(['review', '--db', db, '--as', managerId, '--day', '2026-03-07', '--tz', 'Mars/Base'])).code,
    ).toBe(2);
    const unknown = await cli(['review', '--db', db, '--as', 'nobody', '--day', '2026-03-07']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('NOT_FOUND');
  });

  it('prints the morning review and the duplicate scan for a real file', async () => {
    const review = await cli(['review', '--db', db, '--as', managerId, '--day', '2026-03-07']);
    expect(review.code).toBe(0);
    expect(review.out).toContain('Morning review for 李庆成, 2026-03-07: 2026-03-06 (Asia/Shanghai)');
    expect(review.out).toMatch(
      /## 销售员甲\n {2}New leads\n {4}- 10:00 山东恒通系统集成有限公司 \(inbound_call\)/,
    );
    const scan = await cli(['duplicates', '--db', db, '--as', managerId]);
    expect(scan).toMatchObject({ code: 0, out: 'No likely duplicate deals.' });
  });
});
