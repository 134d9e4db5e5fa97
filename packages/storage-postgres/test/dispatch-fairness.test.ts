import { createReminderDispatcher, isCrmError, ManualClock } from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, TARGET, type TestDatabase, usePgTarget } from './support/pg-target.js';
import { DeliveryLog, DISPATCH_START, seedDueReminders } from './support/reminder-fixtures.js';

usePgTarget();

describe(`reminder dispatch is fair across tenants (${TARGET})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db?.close());

  it("a tenant with 5,000 due reminders does not delay a small tenant's 10: they go out in the first round", async () => {
    await seedDueReminders(db, 'busy-a', 5_000);
    await seedDueReminders(db, 'small-b', 10);
    const log = new DeliveryLog();
    const dispatcher = createReminderDispatcher({
      storage: db.storage,
      tenants: 'all',
      workerId: 'server-1',
      deliver: log.deliverAs('server-1'),
      batchSize: 100,
      leaseMs: 60_000,
      clock: new ManualClock(DISPATCH_START),
    });
    const first = await dispatcher.runOnce();
    expect(first.perTenant).toMatchObject({ 'busy-a': 100, 'small-b': 10 });
    expect(log.entries.filter((e) => e.tenantId === 'small-b')).toHaveLength(10);
    expect(first.delivered).toBe(110);
    // The busy tenant is drained over the following rounds, a batch per round, nothing twice.
    let rounds = 1;
    while ((await dispatcher.runOnce()).claimed > 0) rounds += 1;
    expect(rounds).toBe(50);
    expect(log.distinct()).toBe(5_010);
    expect(log.duplicates()).toEqual([]);
  });

  it('bad options are ValidationErrors naming the field', () => {
    const base = {
      storage: db.storage,
      tenants: 'all' as const,
      workerId: 'w',
      deliver: async () => {},
      clock: new ManualClock(DISPATCH_START),
    };
    const fieldOf = (o: object) => {
      try {
        createReminderDispatcher({ ...base, ...o });
        return 'accepted';
      } catch (e) {
        return isCrmError(e, 'VALIDATION') ? e.issues.map((i) => i.field).join() : String(e);
      }
    };
    expect([
      fieldOf({ batchSize: 0 }),
      fieldOf({ leaseMs: 1.5 }),
      fieldOf({ workerId: '' }),
      fieldOf({}),
    ]).toEqual(['batchSize', 'leaseMs', 'workerId', 'accepted']);
  });

  it('a delivery that fails stays claimed until its lease ends, then is delivered once', async () => {
    await seedDueReminders(db, 'flaky-c', 3);
    const clock = new ManualClock(DISPATCH_START);
    const log = new DeliveryLog();
    let failNext = true;
    const dispatcher = createReminderDispatcher({
      storage: db.storage,
      tenants: ['flaky-c'],
      workerId: 'server-1',
      deliver: async (r) => {
        if (failNext) {
          failNext = false;
          throw new Error('mail server down');
        }
        await log.deliverAs('server-1')(r);
      },
      leaseMs: 30_000,
      clock,
    });
    const first = await dispatcher.runOnce();
    expect([first.claimed, first.delivered, first.failed.length]).toEqual([3, 2, 1]);
    expect((await dispatcher.runOnce()).claimed).toBe(0);
    clock.advance(30_000);
    const retry = await dispatcher.runOnce();
    expect([retry.claimed, retry.delivered]).toEqual([1, 1]);
    expect(log.distinct()).toBe(3);
    expect(log.duplicates()).toEqual([]);
  });
});
