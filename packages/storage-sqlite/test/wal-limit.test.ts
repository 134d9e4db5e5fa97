import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCrm, DEFAULT_TENANT_ID, isCrmError } from '@gongfu/core';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteStorage } from '../src/index.js';
import { rejectionOf } from './support/open-storage.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gongfu-wal-'));
  dirs.push(dir);
  return join(dir, 'crm.db');
}

const walBytes = (file: string) => statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;

describe('the WAL file beside another process (walLimitMiB)', () => {
  it('is emptied by the next write once no other connection reads it, after another reader held it past the limit', async () => {
    const file = tempFile();
    const storage = await sqliteStorage({ filename: file, walLimitMiB: 1 });
    const crm = createCrm({ storage, tenant: DEFAULT_TENANT_ID });
    const admin = await crm.users.create(crm.system, { name: '管理员', role: 'admin' });
    // Another process's reader, as a second app server holds one: a read transaction kept open.
    const other = new Database(file, { readonly: true });
    other.prepare('begin').run();
    other.prepare('select count(*) from tenants').get();
    let n = 0;
    while (walBytes(file) <= 2 * 2 ** 20)
      await crm.accounts.create(admin, { name: `客户 ${n++} ${'备注'.repeat(80)}`, kind: 'end_user' });
    // While it reads, nothing may be emptied: the log holds what its snapshot does not have.
    expect(walBytes(file)).toBeGreaterThan(2 * 2 ** 20);
    other.prepare('commit').run();
    // The size is looked at every few commits (a stat per commit is off the hot path).
    let after = 0;
    while (walBytes(file) > 2 ** 20 && after < 9)
      await crm.accounts.create(admin, { name: `读者走后的客户 ${after++}`, kind: 'end_user' });
    expect(walBytes(file)).toBeLessThanOrEqual(2 ** 20);
    // Nothing was lost: every account is there, for this connection and for another.
    other.prepare('begin').run();
    const count = other.prepare(`select count(*) as c from accounts where name like '客户 %'`).get() as {
      c: number;
    };
    other.prepare('commit').run();
    expect(count.c).toBe(n);
    expect(
      (
        other.prepare(`select count(*) as c from accounts where name like '读者走后的客户 %'`).get() as {
          c: number;
        }
      ).c,
    ).toBe(after);
    other.close();
    await storage.close();
  });

  it('refuses a limit that is not a positive number of MiB, naming the option', async () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = await rejectionOf(sqliteStorage({ filename: ':memory:', walLimitMiB: bad }));
      expect(isCrmError(error, 'VALIDATION'), String(error)).toBe(true);
      if (isCrmError(error, 'VALIDATION')) expect(error.field).toBe('walLimitMiB');
    }
  });
});
