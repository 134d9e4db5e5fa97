import { type CrmStorage, createReminderDispatcher, ManualClock } from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEEDS_SERVER, ON_SERVER, openTestDatabase, type TestDatabase } from './support/pg-target.js';
import { DeliveryLog, DISPATCH_START, drain, seedDueReminders } from './support/reminder-fixtures.js';

const REMINDERS = 10_000;
const LEASE_MS = 60_000;

/** Four app servers, each with its own pool, delivering one tenant's reminders. */
describe.skipIf(!ON_SERVER)(
  `exactly-once reminder dispatch across app servers [skipped on PGlite: ${NEEDS_SERVER}]`,
  () => {
    let db: TestDatabase;
    let servers: CrmStorage[];
    beforeAll(async () => {
      db = await openTestDatabase({ max: 2 });
      servers = [db.storage];
      for (let i = 1; i < 5; i++) servers.push(await db.openAnother({ max: 2, migrate: false }));
    });
    afterAll(() => db?.close());

    const undelivered = async (tenantId: string) =>
      Number(
        (
          await db.query(
            'select count(*) as n from reminders where tenant_id = $1 and delivered_at is null',
            [tenantId],
          )
        )[0]?.n,
      );

    it(`4 dispatchers on separate pools deliver ${REMINDERS} due reminders exactly once`, async () => {
      const tenantId = 'dispatch-all';
      await seedDueReminders(db, tenantId, REMINDERS);
      const clock = new ManualClock(DISPATCH_START);
      const log = new DeliveryLog();
      const dispatchers = servers.slice(0, 4).map((storage, i) =>
        createReminderDispatcher({
          storage,
          tenants: [tenantId],
          workerId: `server-${i}`,
          deliver: log.deliverAs(`server-${i}`),
          batchSize: 100,
          leaseMs: LEASE_MS,
          clock,
        }),
      );
      await drain(dispatchers);
      expect(log.duplicates()).toEqual([]);
      expect(log.distinct()).toBe(REMINDERS);
      expect(log.entries).toHaveLength(REMINDERS);
      expect(await undelivered(tenantId)).toBe(0);
      // The work really was shared: every server delivered some (otherwise nothing raced).
      const shares = Object.values(log.byWorker());
      expect(shares).toHaveLength(4);
      for (const n of shares) expect(n).toBeGreaterThan(0);
    });

    it('a dispatcher killed after claiming: its batch waits out the lease, then others deliver it once', async () => {
      const tenantId = 'dispatch-killed';
      await seedDueReminders(db, tenantId, REMINDERS);
      const clock = new ManualClock(DISPATCH_START);
      const log = new DeliveryLog();
      const healthy = servers.slice(0, 4).map((storage, i) =>
        createReminderDispatcher({
          storage,
          tenants: [tenantId],
          workerId: `server-${i}`,
          deliver: log.deliverAs(`server-${i}`),
          batchSize: 100,
          leaseMs: LEASE_MS,
          clock,
        }),
      );
      // The fifth server dies after claiming, before it delivers or marks anything.
      const killed = createReminderDispatcher({
        storage: servers[4] as CrmStorage,
        tenants: [tenantId],
        workerId: 'server-killed',
        deliver: async () => {
          throw new Error('process killed');
        },
        batchSize: 500,
        leaseMs: LEASE_MS,
        clock,
      });
      const [crashed] = await Promise.all([killed.runOnce(), drain(healthy)]);
      expect(crashed.claimed).toBe(500);
      expect(crashed.delivered).toBe(0);
      // While the dead server's lease is live, nobody touches its batch.
      expect(log.distinct()).toBe(REMINDERS - 500);
      expect(await undelivered(tenantId)).toBe(500);
      clock.advance(LEASE_MS);
      await drain(healthy);
      expect(log.duplicates()).toEqual([]);
      expect(log.entries).toHaveLength(REMINDERS);
      expect(await undelivered(tenantId)).toBe(0);
    });

    it('control: without claims, the same four servers deliver some reminders twice', async () => {
      // Read due → deliver → mark, with no lease: the race the claim exists to prevent.
      const tenantId = 'dispatch-control';
      await seedDueReminders(db, tenantId, 400);
      const log = new DeliveryLog();
      await Promise.all(
        [0, 1, 2, 3].map(async (i) => {
          for (;;) {
            const due = await db.query(
              'select id from reminders where tenant_id = $1 and delivered_at is null order by due_at, id limit 100',
              [tenantId],
            );
            if (due.length === 0) return;
            for (const r of due) log.entries.push({ id: String(r.id), tenantId, worker: `server-${i}` });
            // One row per statement: overlapping multi-row updates would deadlock on each other.
            for (const r of due) {
              await db.query('update reminders set delivered_at = now() where tenant_id = $1 and id = $2', [
                tenantId,
                r.id,
              ]);
            }
          }
        }),
      );
      expect(log.distinct()).toBe(400);
      expect(log.duplicates().length).toBeGreaterThan(0);
    });
  },
);
