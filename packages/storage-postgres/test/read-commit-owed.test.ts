import type { CrmStorage } from '@gongfu/core';
import { openWorld, type ServiceWorld, storyLead } from '@gongfu/service-suites';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresStorage } from '../src/index.js';
import { type CountingPool, countingPool } from '../src/testing/counting-pool.js';
import { ON_SERVER, PG_URL, uniqueSchema } from './support/pg-target.js';

/**
 * A read-only transaction's COMMIT is owed, not sent on its own: it travels first in the next round
 * trip on the connection (the next transaction's first statements) or alone at the next turn of the
 * event loop. Meanwhile the client stays out of the pool, so no other borrower finds the read's
 * transaction still open, and none is left open once the turn is over.
 */
describe.skipIf(!ON_SERVER)('a read-only transaction’s COMMIT travels with the next round trip', () => {
  const schema = uniqueSchema('gf_owed');
  const app = `gf_owed_${process.pid}`;
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
  // One connection: whatever borrows the pool after a read gets the client the read used.
  const real = new pg.Pool({ connectionString: PG_URL, max: 1, application_name: app });
  const counter: CountingPool = countingPool(real);
  let storage: CrmStorage;
  let world: ServiceWorld;

  beforeAll(async () => {
    await admin.query(`create schema "${schema}"`);
    storage = await postgresStorage({ pool: counter.pool }, { schema });
    world = await openWorld(storage);
    await world.crm.leads.capture(world.org.repA, storyLead({ company: '已有客户' }));
  });

  afterAll(async () => {
    await storage.close();
    await real.end();
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  });

  const stateOfConnection = async () =>
    (
      await admin.query<{ state: string }>(
        'select state from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()',
        [app],
      )
    ).rows.map((r) => r.state);

  it('the next read sends the COMMIT first, in its own round trip', async () => {
    const { crm, org } = world;
    await crm.leads.list(org.repA, { limit: 5 });
    counter.sent.length = 0;
    const trips = await counter.count(() => crm.leads.list(org.repA, { limit: 5 }));
    expect(trips).toBe(1);
    expect(counter.sent.slice(0, 2).map((s) => s.text)).toEqual([
      'commit',
      'begin isolation level repeatable read read only',
    ]);
  });

  it('a write right after a read commits both (the read’s COMMIT first)', async () => {
    const { crm, org } = world;
    await crm.leads.list(org.repA, { limit: 5 });
    counter.sent.length = 0;
    const lead = await crm.leads.capture(org.repA, storyLead({ company: '读后即写' }));
    expect(counter.sent[0]?.text).toBe('commit');
    const { rows } = await admin.query(`select count(*)::int as n from "${schema}".leads where id = $1`, [
      lead.id,
    ]);
    expect(rows[0]?.n).toBe(1);
  });

  it('another borrower of the pool never runs inside the read’s transaction', async () => {
    const { crm, org } = world;
    await crm.leads.list(org.repA, { limit: 5 });
    // Asked for in the same turn: the pool's only client is the read's, its COMMIT not sent yet.
    const { rows } = await real.query<{ iso: string; ro: string }>(
      "select current_setting('transaction_isolation') as iso, current_setting('transaction_read_only') as ro",
    );
    expect(rows[0]).toEqual({ iso: 'read committed', ro: 'off' });
  });

  it('a read nobody follows is committed at the next turn: no transaction is left open', async () => {
    const { crm, org } = world;
    await crm.leads.list(org.repA, { limit: 5 });
    let states: string[] = [];
    for (let i = 0; i < 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      states = await stateOfConnection();
      if (states.every((s) => s === 'idle')) break;
    }
    expect(states).toEqual(['idle']);
  });
});
