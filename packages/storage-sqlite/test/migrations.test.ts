import { openWorld } from '@gongfu/service-suites';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteStorage } from '../src/index.js';
import { tempDir } from './support/open-storage.js';

const EXPECTED_TABLES = [
  'accounts',
  'activities',
  'contacts',
  'cost_entries',
  'counters',
  'dedupe_blocks',
  'dedupe_keys',
  'dedupe_rows',
  'dedupe_sources',
  'dedupe_stamps',
  'dedupe_weights',
  'demo_loans',
  'duplicate_resolutions',
  'feed_cursors',
  'feed_dead_letters',
  'feed_events',
  'feed_heads',
  'history_events',
  'idempotency_keys',
  'import_ledger',
  'leads',
  'merges',
  'opportunities',
  'orders',
  'products',
  'quotas',
  'quote_entries',
  'reminders',
  'search_terms',
  'service_cases',
  'team_members',
  'tenant_configs',
  'tenants',
  'users',
];

let cleanup = () => {};
afterEach(() => cleanup());

function introspect(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (
      db
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
        )
        .all() as { name: string }[]
    )
      .map((r) => r.name)
      .filter((n) => !n.startsWith('kysely_'));
    const detail = tables.map((table) => {
      const pk = (db.pragma(`table_info(${table})`) as { name: string; pk: number }[])
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      const indexes = (db.pragma(`index_list(${table})`) as { name: string; origin: string }[]).map((ix) => ({
        name: ix.name,
        origin: ix.origin,
        columns: (db.pragma(`index_info(${ix.name})`) as { seqno: number; name: string }[])
          .sort((a, b) => a.seqno - b.seqno)
          .map((c) => c.name),
      }));
      const foreignKeys = db.pragma(`foreign_key_list(${table})`) as {
        from: string;
        seq: number;
        table: string;
      }[];
      return { table, pk, indexes, foreignKeys };
    });
    return { tables, detail };
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  it('are idempotent: migrating twice (and reopening) changes nothing', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const first = await sqliteStorage({ filename: tmp.file });
    await first.migrateToLatest();
    await first.close();
    const before = introspect(tmp.file);
    const second = await sqliteStorage({ filename: tmp.file });
    await second.migrateToLatest();
    await second.close();
    expect(introspect(tmp.file)).toEqual(before);
    expect(before.tables).toEqual(EXPECTED_TABLES);
  });

  it('put tenant_id first in every primary key, unique constraint, index and foreign key', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    await (await sqliteStorage({ filename: tmp.file })).close();
    const { detail } = introspect(tmp.file);
    let indexCount = 0;
    for (const { table, pk, indexes, foreignKeys } of detail) {
      expect(pk[0], `${table} primary key`).toBe('tenant_id');
      for (const ix of indexes) {
        indexCount += 1;
        expect(ix.columns[0], `${table} index ${ix.name} (${ix.origin})`).toBe('tenant_id');
      }
      if (table !== 'tenants') {
        const first = foreignKeys.filter((fk) => fk.seq === 0);
        expect(first.length, `${table} has a tenant foreign key`).toBeGreaterThan(0);
        for (const fk of first) expect(fk.from, `${table} foreign key to ${fk.table}`).toBe('tenant_id');
      }
    }
    expect(indexCount).toBeGreaterThan(60);
  });

  it('leave the expected access paths indexed', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    await (await sqliteStorage({ filename: tmp.file })).close();
    const { detail } = introspect(tmp.file);
    const has = (table: string, cols: string[]) =>
      detail
        .find((d) => d.table === table)
        ?.indexes.some((ix) => ix.columns.join(',') === ['tenant_id', ...cols].join(','));
    expect(has('team_members', ['team_key', 'user_id'])).toBe(true);
    expect(has('team_members', ['user_id'])).toBe(true);
    expect(has('reminders', ['user_id', 'due_at'])).toBe(true);
    expect(has('reminders', ['key'])).toBe(true);
    expect(has('activities', ['start_at'])).toBe(true);
    expect(has('cost_entries', ['incurred_on'])).toBe(true);
    expect(has('history_events', ['entity_type', 'entity_id', 'seq'])).toBe(true);
    expect(has('history_events', ['actor_id', 'at'])).toBe(true);
    expect(has('opportunities', ['stage'])).toBe(true);
    // Each range of a merged scoped page (0023): by owner, by team owner, by team, newest first.
    for (const column of ['owner_id', 'team_owner_id', 'team_key'])
      expect(has('leads', [column, 'created_at', 'id'])).toBe(true);
    expect(has('activities', ['regarding_kind', 'created_at', 'id'])).toBe(true);
    // A customer's records, newest first, from one index whatever the statistics (0093).
    expect(has('opportunities', ['account_id', 'created_at', 'id'])).toBe(true);
    expect(has('opportunities', ['end_customer_id', 'created_at', 'id'])).toBe(true);
    // One deal's duplicate candidates are a key lookup; a refresh finds what changed by time.
    expect(has('dedupe_keys', ['key', 'opportunity_id'])).toBe(true);
    expect(has('dedupe_sources', ['seen_at'])).toBe(true);
    expect(has('accounts', ['updated_at'])).toBe(true);
  });

  it("0007 seeds each tenant's order-number counter from its highest order number, not its count", async () => {
    const database = new Database(':memory:');
    const storage = await sqliteStorage({ database });
    const a = await openWorld(storage);
    const b = await openWorld(storage);
    const dealer = async (w: typeof a) =>
      (await w.crm.accounts.create(w.org.otherRep, { name: '烟台条码经销商', kind: 'dealer' })).id;
    const line = { sku: 'LS2208', quantity: 5, unitPrice: { amount: 110_000, currency: 'CNY' } };
    const order = async (w: typeof a, accountId: string) =>
      w.crm.orders.createDirect(w.org.otherRep, { accountId, lines: [line] });
    const accountA = await dealer(a);
    const first = await order(a, accountA);
    await order(a, accountA);
    await order(a, accountA);
    await order(b, await dealer(b));
    // A database from before 0007, whose first order of A was since removed: 2 orders, highest 3.
    database.prepare('delete from orders where tenant_id = ? and id = ?').run(a.crm.tenantId, first.id);
    database.exec("drop table counters; delete from kysely_migration where name = '0007_counters'");
    await storage.migrateToLatest();
    const counters = database.prepare('select tenant_id, name, value from counters').all() as {
      tenant_id: string;
      name: string;
      value: number;
    }[];
    expect(Object.fromEntries(counters.map((r) => [r.tenant_id, [r.name, r.value]]))).toEqual({
      [a.crm.tenantId]: ['order_number', 3],
      [b.crm.tenantId]: ['order_number', 1],
    });
    expect((await order(a, accountA)).number).toBe('SO-2026-000004');
    expect((await order(b, await dealer(b))).number).toBe('SO-2026-000002');
    await storage.close();
  });

  it('open the database in WAL mode with foreign keys on', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const database = new Database(tmp.file);
    const storage = await sqliteStorage({ database });
    expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.pragma('foreign_keys', { simple: true })).toBe(1);
    // The storage waits for another process's lock in steps of its own, so SQLite's handler is off.
    expect(database.pragma('busy_timeout', { simple: true })).toBe(0);
    expect(database.pragma('synchronous', { simple: true })).toBe(1);
    await storage.close();
  });

  it("hands waiting back to SQLite's own busy handler with busyStepMs: 0", async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const database = new Database(tmp.file);
    const storage = await sqliteStorage({ database, busyStepMs: 0, busyTimeoutMs: 3000 });
    expect(database.pragma('busy_timeout', { simple: true })).toBe(3000);
    await storage.close();
  });
});
