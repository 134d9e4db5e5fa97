/**
 * What reading the change feed costs a scoped reader on PostgreSQL now that an activity's events
 * also reach whoever reads the contact it is about: one tenant with `--n` visits logged on one
 * contact plus as many leads captured by another team, drained in pages of 1,000 by the visits'
 * owner (plain scope), a read seat on a deal of the customer (reached only through the contact)
 * and a rep of another team (every activity row tested and refused). Median of `--rounds`.
 *
 *   GONGFU_PG_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/feed-read.bench.ts [--n 2000] [--rounds 5]
 *
 * Runs in a schema of its own, dropped afterwards. Not a timed test: it prints figures.
 */
import type { Crm, User } from '@gongfu/core';
import { argValue, fmtInt, fmtMs, machineLine, median, table } from './measure.js';
import { runFromSource } from './support.js';

runFromSource();

const { default: pg } = await import('pg');
const { postgresStorage } = await import('@gongfu/storage-postgres');
const { openWorld, storyLead } = await import('@gongfu/service-suites');

const URL = process.env.GONGFU_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const N = Number(argValue('--n') ?? 2000);
const ROUNDS = Number(argValue('--rounds') ?? 5);
const SCHEMA = `gf_feed_read_${process.pid}`;

/** Every event the reader may see, page by page; returns the count. */
async function drain(crm: Crm, reader: User): Promise<number> {
  let cursor: string | null = null;
  let seen = 0;
  for (;;) {
    const page = await crm.events.since(reader, cursor, { limit: 1000 });
    seen += page.items.length;
    if (page.nextCursor === null) return seen;
    cursor = page.nextCursor;
  }
}

const admin = new pg.Pool({ connectionString: URL, max: 1 });
await admin.query(`create schema "${SCHEMA}"`);
const pool = new pg.Pool({ connectionString: URL, max: 2 });
const storage = await postgresStorage({ pool }, { schema: SCHEMA, migrate: true });
try {
  const w = await openWorld(storage);
  const { crm, org } = w;
  const account = await crm.accounts.create(org.repA, { name: '基准客户', kind: 'end_user' });
  const contact = await crm.contacts.create(org.repA, { accountId: account.id, name: '基准联系人' });
  await crm.opportunities.create(org.repA, {
    name: '基准商机',
    accountId: account.id,
    channel: 'key_account',
    team: [{ userId: org.service.id, role: 'service', access: 'read' }],
  });
  for (let i = 0; i < N; i++) {
    await crm.activities.schedule(org.repA, {
      kind: 'call' as const,
      subject: `基准电话 ${i}`,
      startAt: `2026-03-${String(3 + (i % 20)).padStart(2, '0')}T10:00:00+08:00`,
      regarding: { kind: 'contact', id: contact.id },
    });
    await crm.leads.capture(org.otherRep, storyLead({ company: `基准公司${i}` }));
  }
  const rows: string[][] = [];
  for (const [who, reader] of [
    ['owner of the visits (plain scope)', org.repA],
    ['read seat on a deal of the customer (through the contact)', org.service],
    ['rep of another team (every visit tested, refused)', org.otherRep],
  ] as const) {
    let seen = 0;
    const ms: number[] = [];
    await drain(crm, reader); // warm-up
    for (let r = 0; r < ROUNDS; r++) {
      const start = performance.now();
      seen = await drain(crm, reader);
      ms.push(performance.now() - start);
    }
    rows.push([who, fmtInt(seen), fmtMs(median(ms))]);
  }
  console.log(
    machineLine(`PostgreSQL · ${fmtInt(N)} visits on one contact + ${fmtInt(N)} leads of another team`),
  );
  console.log(table(['reader', 'events seen', 'whole feed drained, ms (median)'], rows));
} finally {
  await storage.close();
  await pool.end().catch(() => {});
  await admin.query(`drop schema "${SCHEMA}" cascade`);
  await admin.end();
}
