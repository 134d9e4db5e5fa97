import { type CrmStorage, createCrm, isCrmError, type Order, type StorageTx } from '@gongfu/core';
import { openWorld, type ServiceWorld, storyLead } from '@gongfu/service-suites';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enableRowLevelSecurity, postgresStorage } from '../src/index.js';
import {
  NEEDS_SERVER,
  ON_SERVER,
  openTestDatabase,
  PG_URL,
  type TestDatabase,
  uniqueSchema,
  usePgTarget,
} from './support/pg-target.js';

usePgTarget();

const SERVERS = 2;
const CONNECTIONS_PER_SERVER = 4;
const WRITERS = SERVERS * CONNECTIONS_PER_SERVER;
const DIRECT_ORDERS_PER_WRITER = 5;

const line = { sku: 'LS2208', quantity: 5, unitPrice: { amount: 110_000, currency: 'CNY' } };
const numbered = (n: number) => `SO-2026-${String(n).padStart(6, '0')}`;

/** The numbering this replaced: count the tenant's orders, add one. */
function countPlusOne(storage: CrmStorage): CrmStorage {
  const old = (tx: StorageTx): StorageTx => ({
    ...tx,
    counters: { next: async () => (await tx.orders.count(undefined, { kind: 'all' })) + 1 },
  });
  return { ...storage, transaction: (opts, fn) => storage.transaction(opts, (tx) => fn(old(tx))) };
}

/** Quoted deals of 销售员甲 with presales on the team, one per writer, ready to be won. */
async function openDeals(w: ServiceWorld, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const lead = await w.crm.leads.capture(w.org.repA, storyLead({ company: `并发客户 ${i}` }));
    await w.crm.leads.quote(w.org.repA, lead.id, { ...line, validUntil: '2026-04-30' });
    const { opportunity } = await w.crm.leads.convert(w.org.repA, lead.id, {
      account: { kind: 'end_user' },
      team: [{ userId: w.org.presales.id, role: 'presales' }],
    });
    ids.push(opportunity.id);
  }
  return ids;
}

/**
 * `WRITERS` writers over the storages (one connection each at a time), all at once: each wins its
 * own deal with an order, then books direct orders for one dealer. Returns every outcome.
 */
async function raceOrders(w: ServiceWorld, storages: CrmStorage[]) {
  const deals = await openDeals(w, WRITERS);
  const dealer = await w.crm.accounts.create(w.org.otherRep, { name: '烟台条码经销商', kind: 'dealer' });
  const created: Order[] = [];
  const failed: unknown[] = [];
  const attempt = async (command: () => Promise<Order | null>) => {
    try {
      const order = await command();
      if (order !== null) created.push(order);
    } catch (error) {
      failed.push(error);
    }
  };
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, n) => {
      const crm = createCrm({
        storage: storages[n % storages.length] as CrmStorage,
        tenant: w.crm.tenantId,
        clock: w.clock,
      });
      // One writer's commands run one after another, like one user's requests; the writers race.
      await attempt(
        async () => (await crm.opportunities.win(w.org.repA, deals[n] as string, { createOrder: {} })).order,
      );
      for (let i = 0; i < DIRECT_ORDERS_PER_WRITER; i++)
        await attempt(() => crm.orders.createDirect(w.org.otherRep, { accountId: dealer.id, lines: [line] }));
    }),
  );
  return { created, failed };
}

describe.skipIf(!ON_SERVER)(
  `order numbers under concurrent creation [skipped on PGlite: ${NEEDS_SERVER}]`,
  () => {
    let db: TestDatabase;
    let storages: CrmStorage[];
    beforeAll(async () => {
      db = await openTestDatabase({ max: CONNECTIONS_PER_SERVER });
      storages = [db.storage];
      for (let i = 1; i < SERVERS; i++)
        storages.push(await db.openAnother({ max: CONNECTIONS_PER_SERVER, migrate: false }));
    });
    afterAll(() => db?.close());

    const total = WRITERS * (1 + DIRECT_ORDERS_PER_WRITER);

    it(`${WRITERS} connections creating ${total} orders at once: all succeed, numbered 1…${total} without a gap`, async () => {
      const w = await openWorld(db.storage);
      const { created, failed } = await raceOrders(w, storages);
      expect(failed.map(String)).toEqual([]);
      expect(created.map((o) => o.number).sort()).toEqual(
        Array.from({ length: total }, (_, i) => numbered(i + 1)),
      );
      const stored = await db.query(`select number from orders where tenant_id = $1 order by number`, [
        w.crm.tenantId,
      ]);
      expect(stored.map((r) => r.number)).toEqual(created.map((o) => o.number).sort());
      const counter = await db.query(`select name, value from counters where tenant_id = $1`, [
        w.crm.tenantId,
      ]);
      expect(counter.map((r) => [r.name, Number(r.value)])).toEqual([['order_number', total]]);
    });

    it('control: numbering by count + 1, the same race fails orders with a conflict', async () => {
      const w = await openWorld(db.storage);
      const { created, failed } = await raceOrders(w, storages.map(countPlusOne));
      expect(failed.length).toBeGreaterThan(0);
      for (const e of failed) expect(isCrmError(e, 'CONFLICT'), String(e)).toBe(true);
      expect(created.length + failed.length).toBe(total);
    });
  },
);

describe('migration 0007 on an existing database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db?.close());

  it("seeds each tenant's order-number counter from its highest order number, not its count", async () => {
    const a = await openWorld(db.storage);
    const b = await openWorld(db.storage);
    const dealer = async (w: ServiceWorld) =>
      (await w.crm.accounts.create(w.org.otherRep, { name: '烟台条码经销商', kind: 'dealer' })).id;
    const order = (w: ServiceWorld, accountId: string) =>
      w.crm.orders.createDirect(w.org.otherRep, { accountId, lines: [line] });
    const accountA = await dealer(a);
    const first = await order(a, accountA);
    await order(a, accountA);
    await order(a, accountA);
    await order(b, await dealer(b));
    // A database from before 0007, whose first order of A was since removed: 2 orders, highest 3.
    await db.query('delete from orders where tenant_id = $1 and id = $2', [a.crm.tenantId, first.id]);
    await db.query('drop table counters');
    await db.query(`delete from kysely_migration where name = '0007_counters'`);
    await db.storage.migrateToLatest();
    const counters = await db.query('select tenant_id, name, value from counters');
    expect(Object.fromEntries(counters.map((r) => [r.tenant_id, [r.name, Number(r.value)]]))).toEqual({
      [a.crm.tenantId]: ['order_number', 3],
      [b.crm.tenantId]: ['order_number', 1],
    });
    expect((await order(a, accountA)).number).toBe('SO-2026-000004');
    expect((await order(b, await dealer(b))).number).toBe('SO-2026-000002');
  });
});

describe.skipIf(!ON_SERVER)(
  "migration 0007 under row-level security, run by the tables' owner [skipped on PGlite: one login, no second role to run as]",
  () => {
    // The owner is an ordinary login: FORCE ROW LEVEL SECURITY binds it (a superuser or a
    // BYPASSRLS role would see every row, whatever the migration binds).
    const role = `gf_owner_${process.pid}_${Date.now().toString(36)}`;
    const schema = uniqueSchema();
    let admin: pg.Pool | undefined;
    let ownerPool: pg.Pool | undefined;
    let storage: CrmStorage | undefined;
    const asAdmin = async (text: string, params?: unknown[]) =>
      (await (admin as pg.Pool).query(text, params)).rows as Record<string, unknown>[];
    beforeAll(async () => {
      admin = new pg.Pool({ connectionString: PG_URL, max: 1, options: `-c search_path=${schema}` });
      await asAdmin(`create role ${role} login nosuperuser nobypassrls`);
      await asAdmin(`create schema "${schema}" authorization ${role}`);
      const url = new URL(PG_URL as string);
      url.username = role;
      ownerPool = new pg.Pool({ connectionString: url.toString(), max: 2 });
      // Migrated by the owner role, so every table is its own.
      storage = await postgresStorage({ pool: ownerPool }, { schema });
    });
    afterAll(async () => {
      await storage?.close();
      await ownerPool?.end();
      await admin?.query(`drop schema if exists "${schema}" cascade`).catch(() => undefined);
      await admin?.query(`drop owned by ${role}`).catch(() => undefined);
      await admin?.query(`drop role if exists ${role}`).catch(() => undefined);
      await admin?.end();
    });

    it('binds each tenant in turn: counters reach each highest number, and numbering continues', async () => {
      const s = storage as CrmStorage;
      const a = await openWorld(s);
      const b = await openWorld(s);
      const dealer = async (w: ServiceWorld) =>
        (await w.crm.accounts.create(w.org.otherRep, { name: '烟台条码经销商', kind: 'dealer' })).id;
      const order = (w: ServiceWorld, accountId: string) =>
        w.crm.orders.createDirect(w.org.otherRep, { accountId, lines: [line] });
      const accountA = await dealer(a);
      const accountB = await dealer(b);
      const first = await order(a, accountA);
      await order(a, accountA);
      await order(a, accountA);
      await order(b, accountB);
      await order(b, accountB);
      // A's first order since removed: A has 2 orders, highest 3; B has 2, highest 2.
      await asAdmin('delete from orders where tenant_id = $1 and id = $2', [a.crm.tenantId, first.id]);

      await enableRowLevelSecurity(s);
      const owners = await asAdmin('select distinct tableowner from pg_tables where schemaname = $1', [
        schema,
      ]);
      expect(owners.map((r) => r.tableowner)).toEqual([role]);
      // The owner, with no tenant bound, sees none of the 4 orders the server holds.
      const ordersQuery = `select count(*)::int as n from "${schema}".orders`;
      const seenByOwner = (await (ownerPool as pg.Pool).query(ordersQuery)).rows[0]?.n;
      const held = (await asAdmin(ordersQuery))[0]?.n;
      expect([seenByOwner, held]).toEqual([0, 4]);

      // Back to a database from before 0007, then migrate as the owner.
      await asAdmin('drop table counters');
      await asAdmin(`delete from kysely_migration where name = '0007_counters'`);
      await s.migrateToLatest();

      const counters = await asAdmin('select tenant_id, name, value from counters');
      expect(Object.fromEntries(counters.map((r) => [r.tenant_id, [r.name, Number(r.value)]]))).toEqual({
        [a.crm.tenantId]: ['order_number', 3],
        [b.crm.tenantId]: ['order_number', 2],
      });
      expect((await order(a, accountA)).number).toBe('SO-2026-000004');
      expect((await order(b, accountB)).number).toBe('SO-2026-000003');
    });
  },
);
