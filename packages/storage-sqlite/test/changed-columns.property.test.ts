import type {
  CrmStorage,
  Lead,
  Opportunity,
  RecordBase,
  RecordStore,
  Reminder,
  StorageTx,
} from '@gongfu/core';
import { buildReminder } from '@gongfu/core/testing';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteStorage } from '../src/index.js';
import * as b from './support/builders.js';
import { tempDir } from './support/open-storage.js';

// An update sets only the columns whose stored value changes (storage-sql records/changed-columns.ts).
// The property: whatever mix of reads, inserts and updates a record went through, within one
// transaction or across several, its stored row is the row a fresh insert of its last version
// writes — column for column, so the cheaper statement never leaves a stale column behind.

const file = tempDir();
let storage: CrmStorage;
let raw: Database.Database;
beforeAll(async () => {
  storage = await sqliteStorage({ filename: file.file });
  for (const id of ['t1', 'fresh'])
    await storage.tenants.create({ id, name: id, createdAt: '2026-01-01T00:00:00.000Z' });
  raw = new Database(file.file, { readonly: true });
});
afterAll(async () => {
  raw.close();
  await storage.close();
  file.cleanup();
});

/** One transaction: for each change, optionally read the record first, then write the next version. */
interface Step {
  reads: boolean[];
}

const anyOpportunityChange = fc.record({
  stage: fc.constantFrom('qualification', 'needs_analysis', 'solution', 'won'),
  ownerId: fc.constantFrom('u1', 'u2'),
  probability: fc.constantFrom(10, 20, 100),
  expectedClose: fc.constantFrom('2026-06-30', '2026-07-31'),
  closedAt: fc.constantFrom(null, b.minutesAfter(30)),
  accountId: fc.constantFrom('acct_1', 'acct_2'),
  amount: fc.constantFrom({ amount: 100, currency: 'CNY' }, { amount: 250, currency: 'CNY' }),
  endCustomer: fc.constantFrom(null, { accountId: 'acct_9', name: '山东高速', tender: null }),
  name: fc.constantFrom('Scanners', 'Scanners, phase 2'),
  minutes: fc.integer({ min: 0, max: 3 }),
});

const anyLeadChange = fc.record({
  status: fc.constantFrom('new', 'working', 'disqualified'),
  ownerId: fc.constantFrom('u1', 'u2'),
  lastContactAt: fc.constantFrom(null, b.minutesAfter(10), b.minutesAfter(20)),
  company: fc.constantFrom('济南重汽物流中心', '青岛港物流'),
  accountId: fc.constantFrom(null, 'acct_1'),
  minutes: fc.integer({ min: 0, max: 3 }),
});

const steps = fc.array(fc.record({ reads: fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }) }), {
  minLength: 1,
  maxLength: 5,
});

function storeOf(tx: StorageTx, table: 'opportunities' | 'leads') {
  return tx[table] as unknown as RecordStore<RecordBase, object>;
}

/** Every stored column of the row but the tenant (the document parsed, without its tenant id). */
function storedRow(table: string, tenantId: string, id: string): Record<string, unknown> {
  const row = raw.prepare(`select * from ${table} where tenant_id = ? and id = ?`).get(tenantId, id) as
    | Record<string, unknown>
    | undefined;
  if (row === undefined) throw new Error(`${table} ${id} is not stored`);
  const { tenant_id: _t, doc, ...columns } = row;
  const { tenantId: _d, ...document } = JSON.parse(doc as string) as Record<string, unknown>;
  return { ...columns, doc: document };
}

async function evolve<T extends RecordBase>(
  table: 'opportunities' | 'leads',
  first: T,
  plan: readonly Step[],
  changes: readonly ((r: T) => T)[],
  insertedWithFirstStep: boolean,
): Promise<T> {
  let current = first;
  let next = 0;
  if (!insertedWithFirstStep)
    await storage.transaction({ tenantId: 't1' }, (tx) => storeOf(tx, table).insert(current));
  for (const [s, step] of plan.entries()) {
    await storage.transaction({ tenantId: 't1' }, async (tx) => {
      const store = storeOf(tx, table);
      if (s === 0 && insertedWithFirstStep) await store.insert(current);
      for (const read of step.reads) {
        if (read) expect(await store.get(current.id)).toEqual(current);
        const change = changes[next++ % changes.length]!;
        const after = { ...change(current), version: current.version + 1 };
        await store.update(after, current.version);
        current = after;
      }
    });
  }
  return current;
}

async function expectSameAsFreshInsert(table: 'opportunities' | 'leads', record: RecordBase) {
  await storage.transaction({ tenantId: 'fresh' }, (tx) =>
    // An insert writes version 1; every other column and the document's other fields must agree.
    storeOf(tx, table).insert({ ...record, tenantId: 'fresh', version: 1 }),
  );
  const updated = storedRow(table, 't1', record.id);
  expect(updated.version).toBe(record.version);
  expect({ ...updated, version: 1, doc: { ...(updated.doc as object), version: 1 } }).toEqual(
    storedRow(table, 'fresh', record.id),
  );
}

describe('an update sets only changed columns, and leaves the row as a full write would', () => {
  it('deals', async () => {
    await fc.assert(
      fc.asyncProperty(
        steps,
        fc.array(anyOpportunityChange, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        async (plan, picks, insertedWithFirstStep) => {
          const changes = picks.map(
            ({ minutes, ...c }) =>
              (o: Opportunity): Opportunity => ({
                ...o,
                ...c,
                updatedAt: b.minutesAfter(minutes),
                stageEnteredAt: b.minutesAfter(minutes),
              }),
          );
          const last = await evolve(
            'opportunities',
            b.buildOpportunity('t1'),
            plan,
            changes,
            insertedWithFirstStep,
          );
          await expectSameAsFreshInsert('opportunities', last);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('leads', async () => {
    await fc.assert(
      fc.asyncProperty(
        steps,
        fc.array(anyLeadChange, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        async (plan, picks, insertedWithFirstStep) => {
          const changes = picks.map(
            ({ minutes, ...c }) =>
              (l: Lead): Lead => ({ ...l, ...c, updatedAt: b.minutesAfter(minutes) }),
          );
          const last = await evolve('leads', b.buildLead('t1'), plan, changes, insertedWithFirstStep);
          await expectSameAsFreshInsert('leads', last);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reminders, read by subject as the reminder sync reads them', async () => {
    const anyReminderChange = fc.record({
      userId: fc.constantFrom('u1', 'u2'),
      dueAt: fc.constantFrom(b.minutesAfter(60), b.minutesAfter(120)),
      escalateAt: fc.constantFrom(null, b.minutesAfter(180)),
      message: fc.constantFrom('Follow up', 'Follow up again'),
      acknowledgedAt: fc.constantFrom(null, b.minutesAfter(90)),
      deliveredAt: fc.constantFrom(null, b.minutesAfter(61)),
    });
    await fc.assert(
      fc.asyncProperty(
        steps,
        fc.array(anyReminderChange, { minLength: 1, maxLength: 6 }),
        async (plan, picks) => {
          let current = buildReminder('t1', { subjectType: 'opportunity' });
          await storage.transaction({ tenantId: 't1' }, (tx) => tx.reminders.insert(current));
          let next = 0;
          for (const step of plan) {
            await storage.transaction({ tenantId: 't1' }, async (tx) => {
              for (const read of step.reads) {
                if (read)
                  expect(await tx.reminders.forSubject('opportunity', current.subjectId)).toEqual([current]);
                const after: Reminder = {
                  ...current,
                  ...picks[next++ % picks.length]!,
                  version: current.version + 1,
                };
                await tx.reminders.update(after, current.version);
                current = after;
              }
            });
          }
          await storage.transaction({ tenantId: 'fresh' }, (tx) =>
            tx.reminders.insert({ ...current, tenantId: 'fresh', version: 1 }),
          );
          const row = (t: string) => {
            const {
              tenant_id: _t,
              version,
              ...rest
            } = raw
              .prepare('select * from reminders where tenant_id = ? and id = ?')
              .get(t, current.id) as Record<string, unknown>;
            return { ...rest, version: t === 't1' ? version : current.version };
          };
          expect(row('t1')).toEqual(row('fresh'));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('sets only the columns that change, once the row was read in the transaction', async () => {
    const deal = b.buildOpportunity('t1');
    await storage.transaction({ tenantId: 't1' }, (tx) => storeOf(tx, 'opportunities').insert(deal));
    const statements: string[] = [];
    const moved = { ...deal, version: 2, stage: 'needs_analysis', probability: 20 };
    const proto = Object.getPrototypeOf(raw.prepare('select 1')) as { run: (...a: unknown[]) => unknown };
    const run = proto.run;
    proto.run = function (this: { source: string }, ...args: unknown[]) {
      if (this.source.startsWith('update "opportunities"')) statements.push(this.source);
      return run.apply(this, args);
    };
    try {
      await storage.transaction({ tenantId: 't1' }, async (tx) => {
        await storeOf(tx, 'opportunities').get(deal.id);
        await storeOf(tx, 'opportunities').update(moved, 1);
      });
    } finally {
      proto.run = run;
    }
    expect(statements).toEqual([
      'update "opportunities" set "version" = ?, "doc" = ?, "stage" = ?, "probability" = ? where "tenant_id" = ? and "id" = ? and "version" = ?',
    ]);
    expect(storedRow('opportunities', 't1', deal.id)).toMatchObject({
      stage: 'needs_analysis',
      probability: 20,
    });
  });
});
