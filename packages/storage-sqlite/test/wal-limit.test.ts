import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createCrm,
  createTenantAdmin,
  DEFAULT_TENANT_ID,
  exportToString,
  isCrmError,
  type TenantRow,
} from '@gongfu/core';
import { openWorld, storyLead } from '@gongfu/service-suites';
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

/** One `wal_checkpoint` the storage asked of its connection: its mode, and whether inside a transaction. */
interface CheckpointCall {
  mode: string;
  inTransaction: boolean;
}

/**
 * Records every checkpoint the storage asks of `database` (its `pragma` wrapped); `around` runs
 * just before and just after each, standing for another process's doings at that moment.
 */
function watchCheckpoints(
  database: Database.Database,
  around: { before?: (mode: string) => void; after?: (mode: string) => void } = {},
) {
  const calls: CheckpointCall[] = [];
  const pragma = database.pragma.bind(database);
  database.pragma = ((source: string, options?: Database.PragmaOptions) => {
    const mode = /^wal_checkpoint\((\w+)\)/.exec(source)?.[1];
    if (mode === undefined) return pragma(source, options);
    calls.push({ mode, inTransaction: database.inTransaction });
    around.before?.(mode);
    try {
      return pragma(source, options);
    } finally {
      around.after?.(mode);
    }
  }) as typeof database.pragma;
  return { calls, pragma };
}

describe('the WAL file beside another process (walLimitMiB)', () => {
  it('is cut back to the limit by the next writes once no other connection reads it, after another reader held it past the limit', async () => {
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
    await crm.accounts.create(admin, { name: '读者走后的客户', kind: 'end_user' });
    // The copy runs once the connection is idle after that write (`walLimiter`); the log then
    // restarts at the next write, which cuts the file back to the limit (`journal_size_limit`).
    await new Promise((resolve) => setImmediate(resolve));
    await crm.accounts.create(admin, { name: '重新开始的客户', kind: 'end_user' });
    expect(walBytes(file)).toBeLessThanOrEqual(2 ** 20);
    // Nothing was lost: every account is there, for this connection and for another.
    other.prepare('begin').run();
    const count = other.prepare(`select count(*) as c from accounts where name like '客户 %'`).get() as {
      c: number;
    };
    other.prepare('commit').run();
    expect(count.c).toBe(n);
    other.close();
    await storage.close();
  });

  it('copies the log back after the write transaction, never inside it (SQLite’s own checkpoints off)', async () => {
    const file = tempFile();
    const database = new Database(file);
    const storage = await sqliteStorage({ database, walLimitMiB: 1 });
    expect(database.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const crm = createCrm({ storage, tenant: DEFAULT_TENANT_ID });
    const admin = await crm.users.create(crm.system, { name: '管理员', role: 'admin' });
    // A checkpoint inside the COMMIT would have emptied the file before the command returned.
    let n = 0;
    while (walBytes(file) <= 2 ** 20 && n < 5000)
      await crm.accounts.create(admin, { name: `客户 ${n++} ${'备注'.repeat(80)}`, kind: 'end_user' });
    expect(walBytes(file)).toBeGreaterThan(2 ** 20);
    // Once the connection is idle, the log is copied back and restarts at the next write, from the
    // file's beginning: the file is cut back to the limit, no reader holding it.
    await new Promise((resolve) => setImmediate(resolve));
    await crm.accounts.create(admin, { name: '重新开始的客户', kind: 'end_user' });
    expect(walBytes(file)).toBeLessThanOrEqual(2 ** 20);
    const count = database.prepare(`select count(*) as c from accounts where name like '客户 %'`).get() as {
      c: number;
    };
    expect(count.c).toBe(n);
    await storage.close();
  });

  it('copies without the write lock and takes it only for the rest (RESTART), never TRUNCATE, never in a transaction', async () => {
    const file = tempFile();
    const database = new Database(file);
    const { calls, pragma } = watchCheckpoints(database);
    const storage = await sqliteStorage({ database, walLimitMiB: 1 });
    // SQLite cuts the file back to the limit when the log restarts.
    expect(pragma('journal_size_limit', { simple: true })).toBe(2 ** 20);
    const crm = createCrm({ storage, tenant: DEFAULT_TENANT_ID });
    const admin = await crm.users.create(crm.system, { name: '管理员', role: 'admin' });
    // The migrations' log (written before the limiter watched) copied first.
    await new Promise((resolve) => setImmediate(resolve));
    calls.length = 0;
    let largest = 0;
    for (let n = 0; n < 100; n++) {
      await crm.accounts.create(admin, { name: `客户 ${n} ${'备注'.repeat(90)}`, kind: 'end_user' });
      largest = Math.max(largest, walBytes(file));
    }
    // 100 transactions of some 250 KiB of log each: copied several times, each time by two PASSIVE copies (the copy
    // and its fsyncs, with no lock another writer waits for), then one RESTART for what came since.
    const restarts = calls.filter((c) => c.mode === 'RESTART').length;
    expect(restarts).toBeGreaterThan(2);
    expect(calls.filter((c) => c.mode === 'PASSIVE').length).toBe(2 * restarts);
    calls.forEach((c, i) => {
      if (c.mode === 'RESTART') expect(calls[i - 1]?.mode).toBe('PASSIVE');
    });
    expect(calls.every((c) => c.mode === 'PASSIVE' || c.mode === 'RESTART')).toBe(true);
    expect(calls.some((c) => c.inTransaction)).toBe(false);
    // The file stays bounded: restarted logs are written over it from its beginning.
    expect(largest).toBeLessThan(2 * 2 ** 20);
    await storage.close();
  });

  it('leaves the copy to the writer that grew the log; past twice the limit only copies it (PASSIVE), the restart left to that writer', async () => {
    const file = tempFile();
    const database = new Database(file);
    const { calls } = watchCheckpoints(database);
    const storage = await sqliteStorage({ database, walLimitMiB: 1 });
    const crm = createCrm({ storage, tenant: DEFAULT_TENANT_ID });
    const admin = await crm.users.create(crm.system, { name: '管理员', role: 'admin' });
    await new Promise((resolve) => setImmediate(resolve));
    // Another process's bulk job, which copies its log itself (its own checkpoints off here),
    // starting from an empty log: the file's size is then the log's length.
    const bulk = new Database(file);
    bulk.pragma('wal_autocheckpoint = 0');
    bulk.exec('create table bulk_rows (x text)');
    bulk.pragma('wal_checkpoint(TRUNCATE)');
    calls.length = 0;
    const insert = bulk.prepare('insert into bulk_rows values (?)');
    // One row a transaction: the log grows with each commit.
    const grow = (bytes: number) => {
      for (let i = 0; walBytes(file) < bytes && i < 10_000; i++) insert.run('页'.repeat(2000));
    };
    grow(1.5 * 2 ** 20);
    const small = () => crm.accounts.create(admin, { name: '小客户', kind: 'end_user' });
    await small();
    await new Promise((resolve) => setImmediate(resolve));
    // Past the limit, but by the other writer: a small command does not copy it.
    expect(calls.map((c) => c.mode)).toEqual([]);
    grow(2.5 * 2 ** 20);
    await small();
    await new Promise((resolve) => setImmediate(resolve));
    // Past twice the limit: copied by the small command's connection, without the write lock.
    expect(calls.map((c) => c.mode)).toEqual(['PASSIVE']);
    const copied = walBytes(file);
    // The log was copied whole: the bulk job's next write starts it again from the beginning.
    insert.run('重新开始');
    const [log] = bulk.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    expect(log?.log).toBeLessThan(10);
    expect(walBytes(file)).toBe(copied);
    bulk.close();
    await storage.close();
  });

  it('empties the file outright past four times the limit when other connections write and read during every copy, so the log never restarts', async () => {
    const file = tempFile();
    const database = new Database(file);
    const storage = await sqliteStorage({ database, walLimitMiB: 1 });
    const crm = createCrm({ storage, tenant: DEFAULT_TENANT_ID });
    const admin = await crm.users.create(crm.system, { name: '管理员', role: 'admin' });
    await new Promise((resolve) => setImmediate(resolve));
    // Another app server's connections, their own checkpoints off: one writes between the
    // writer's two copies (as commands do during a copy's fsync beside a tenant import), one reads
    // all along (its snapshot taken again before each copy), so the log is never restarted.
    const beside = new Database(file);
    beside.pragma('wal_autocheckpoint = 0');
    beside.exec('create table beside_rows (x text)');
    const insertBeside = beside.prepare('insert into beside_rows values (?)');
    let besideRows = 0;
    const reader = new Database(file, { readonly: true });
    const snapshot = () => {
      if (reader.inTransaction) reader.prepare('commit').run();
      reader.prepare('begin').run();
      reader.prepare('select count(*) from tenants').get();
    };
    snapshot();
    const { calls } = watchCheckpoints(database, {
      before: (mode) => {
        if (mode === 'PASSIVE') {
          // More than an eighth of the limit, committed while the writer copies.
          insertBeside.run('旁'.repeat(70_000));
          besideRows++;
          snapshot();
        }
        // The readers come and go: at the moment of the TRUNCATE none holds the log.
        if (mode === 'TRUNCATE') reader.prepare('commit').run();
      },
      after: (mode) => {
        if (mode === 'TRUNCATE') snapshot();
      },
    });
    let largest = 0;
    const n = 60;
    for (let i = 0; i < n; i++) {
      await crm.accounts.create(admin, { name: `客户 ${i} ${'备注'.repeat(90)}`, kind: 'end_user' });
      await new Promise((resolve) => setImmediate(resolve));
      largest = Math.max(largest, walBytes(file));
    }
    // The copies never let the writer restart the log; past four times the limit it was emptied
    // (without the fallback the file grew to 29 MiB here, with it under 4 MiB).
    expect(calls.map((c) => c.mode)).not.toContain('RESTART');
    expect(calls.map((c) => c.mode)).toContain('TRUNCATE');
    expect(largest).toBeLessThan(6 * 2 ** 20);
    reader.prepare('commit').run();
    // Nothing was lost, of either writer.
    const accounts = beside.prepare(`select count(*) as c from accounts where name like '客户 %'`).get() as {
      c: number;
    };
    const rows = beside.prepare('select count(*) as c from beside_rows').get() as { c: number };
    expect(accounts.c).toBe(n);
    expect(rows.c).toBe(besideRows);
    reader.close();
    beside.close();
    await storage.close();
  });

  it("copies and restarts a tenant import's own log: the import's short transactions tell the limiter as commands do", async () => {
    // A tenant of 400 leads (with their team rows, history and reminders), exported.
    const source = await sqliteStorage({ filename: ':memory:' });
    const w = await openWorld(source);
    for (let n = 0; n < 400; n++)
      await w.crm.leads.capture(w.org.repA, storyLead({ company: `导入 ${n} ${'备注'.repeat(40)}` }));
    const lines = (await exportToString(createTenantAdmin(source).export(w.crm.tenantId)))
      .trimEnd()
      .split('\n');
    await source.close();
    const rows = lines
      .map((l) => JSON.parse(l) as TenantRow & { format?: unknown; end?: unknown })
      .filter((r) => r.format === undefined && r.end === undefined)
      .map((r): TenantRow => ({ table: r.table, row: r.row }));
    const file = tempFile();
    const database = new Database(file);
    const { calls } = watchCheckpoints(database);
    const storage = await sqliteStorage({ database, walLimitMiB: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    calls.length = 0;
    let largest = 0;
    await storage.tenants.importRows(
      { id: 'copy', name: 'copy', createdAt: '2026-12-07T00:00:00.000Z' as never },
      rows,
      {
        rowsPerTransaction: 20,
        onProgress: () => {
          largest = Math.max(largest, walBytes(file));
        },
      },
    );
    // Its own writes grew the log, so it copied them back and restarted the log itself (before,
    // it never did: a commands' process beside it did all the copying, or nobody).
    expect(calls.map((c) => c.mode)).toContain('PASSIVE');
    expect(calls.map((c) => c.mode)).toContain('RESTART');
    expect(largest).toBeLessThan(3 * 2 ** 20);
    const leads = database.prepare(`select count(*) as c from leads where tenant_id = 'copy'`).get() as {
      c: number;
    };
    expect(leads.c).toBe(400);
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
