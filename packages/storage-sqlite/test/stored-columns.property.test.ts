import type { CrmStorage, RecordBase, RecordStore, StorageTx } from '@gongfu/core';
import { buildQuota } from '@gongfu/core/testing';
import { sqliteEngine } from '@gongfu/storage-sql';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The store's own specs and projection, not exported by the package: the property is about them.
import type { RecordSpec } from '../../storage-sql/src/records/record-spec.js';
import { leadSpec, opportunitySpec, orderSpec } from '../../storage-sql/src/records/specs-deals.js';
import {
  activitySpec,
  costSpec,
  demoLoanSpec,
  serviceCaseSpec,
} from '../../storage-sql/src/records/specs-operations.js';
import {
  accountSpec,
  contactSpec,
  productSpec,
  userSpec,
} from '../../storage-sql/src/records/specs-parties.js';
import { quotaSpec } from '../../storage-sql/src/records/specs-quotas.js';
import { storedColumns } from '../../storage-sql/src/records/stored-columns.js';
import { sqliteStorage } from '../src/index.js';
import * as b from './support/builders.js';
import { tempDir } from './support/open-storage.js';

// A read takes a record's document alone and derives its other columns (storage-sql
// records/stored-columns.ts); an update then sets only the columns whose derived value changes.
// That is sound only if the columns of every row the store writes are exactly the projection of
// that row's document. The property: after any insert or update, the columns read straight from
// the file equal the ones derived from the document read with them, value for value (what
// `Object.is` compares) — offsets in instants, absent and null fields, CJK text included.

const file = tempDir();
let storage: CrmStorage;
let raw: Database.Database;
beforeAll(async () => {
  storage = await sqliteStorage({ filename: file.file });
  await storage.tenants.create({ id: 't1', name: 't1', createdAt: '2026-01-01T00:00:00.000Z' });
  raw = new Database(file.file, { readonly: true });
});
afterAll(async () => {
  raw.close();
  await storage.close();
  file.cleanup();
});

/** Columns of a row that are not the record's: its keys, and the owner a trigger copies from the team. */
const NOT_DERIVED = new Set(['tenant_id', 'id', 'team_owner_id']);

// biome-ignore lint/suspicious/noExplicitAny: a spec of any record kind; only its projection is used.
type AnySpec = RecordSpec<any, any>;

function expectColumnsDerivedFromDocument(spec: AnySpec, id: string): void {
  const row = raw.prepare(`select * from ${spec.table} where tenant_id = ? and id = ?`).get('t1', id) as
    | Record<string, unknown>
    | undefined;
  if (row === undefined) throw new Error(`${spec.table} ${id} is not stored`);
  const read = Object.fromEntries(Object.entries(row).filter(([column]) => !NOT_DERIVED.has(column)));
  const derived = storedColumns(sqliteEngine, spec, JSON.parse(row.doc as string), row.doc);
  expect(Object.keys(read).sort()).toEqual(Object.keys(derived).sort());
  for (const column of Object.keys(read)) {
    expect([column, Object.is(read[column], derived[column])]).toEqual([column, true]);
  }
}

/** The transaction's store of a table, where its name differs from the table's. */
const STORE_OF_TABLE: Record<string, string> = {
  service_cases: 'serviceCases',
  demo_loans: 'demoLoans',
  cost_entries: 'costs',
};

function storeOf(tx: StorageTx, table: string) {
  const stores = tx as unknown as Record<string, RecordStore<RecordBase, object>>;
  return stores[STORE_OF_TABLE[table] ?? table] as RecordStore<RecordBase, object>;
}

/** Insert the first version, then write each next one over the one before (read first or not). */
async function writeAll(spec: AnySpec, versions: readonly RecordBase[], readFirst: boolean): Promise<void> {
  const [first, ...rest] = versions as [RecordBase, ...RecordBase[]];
  await storage.transaction({ tenantId: 't1' }, (tx) => storeOf(tx, spec.table).insert(first));
  expectColumnsDerivedFromDocument(spec, first.id);
  let before = first;
  for (const next of rest) {
    const after = { ...next, id: first.id, version: before.version + 1 };
    await storage.transaction({ tenantId: 't1' }, async (tx) => {
      if (readFirst) await storeOf(tx, spec.table).get(first.id);
      await storeOf(tx, spec.table).update(after, before.version);
    });
    expectColumnsDerivedFromDocument(spec, first.id);
    before = after;
  }
}

/** Instants as callers may give them: UTC with milliseconds, without, or at an offset. */
const anyInstant = fc
  .tuple(fc.integer({ min: 0, max: 400 * 24 * 60 }), fc.constantFrom('ms', 'plain', '+08:00', '-05:30'))
  .map(([minutes, form]) => {
    const at = new Date(Date.parse(b.T0) + minutes * 60_000 + (minutes % 7) * 1001);
    const iso = at.toISOString();
    if (form === 'ms') return iso;
    if (form === 'plain') return `${iso.slice(0, 19)}Z`;
    const sign = form.startsWith('+') ? 1 : -1;
    const [h, m] = form.slice(1).split(':').map(Number) as [number, number];
    const local = new Date(at.getTime() + sign * (h * 60 + m) * 60_000).toISOString();
    return `${local.slice(0, 23)}${form}`;
  });
const anyText = fc.oneof(
  fc.constantFrom('', '山东高速物流', 'ÄÖÜ Straße', 'O\'Brien "quoted"', 'a\u0000b', '𠀋𡈽'),
  fc.string({ maxLength: 12 }),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

const anyDeal = fc.record({
  name: anyText,
  stage: fc.constantFrom('qualification', 'needs_analysis', 'won', 'lost'),
  probability: fc.integer({ min: 0, max: 100 }),
  amount: fc.record({ amount: fc.maxSafeInteger(), currency: fc.constantFrom('CNY', 'USD') }),
  accountId: anyText,
  leadId: maybe(anyText),
  createdAt: anyInstant,
  updatedAt: anyInstant,
  stageEnteredAt: anyInstant,
  closedAt: maybe(anyInstant),
  expectedClose: fc.constantFrom('2026-06-30', '2027-02-28'),
  duplicateOfId: maybe(anyText),
  ownerId: anyText,
  endCustomer: maybe(fc.record({ accountId: maybe(anyText), name: anyText, tender: fc.constant(null) })),
});

const anyLead = fc.record({
  company: anyText,
  status: fc.constantFrom('new', 'working', 'disqualified'),
  receivedAt: anyInstant,
  createdAt: anyInstant,
  updatedAt: anyInstant,
  lastContactAt: maybe(anyInstant),
  accountId: fc.option(anyText, { nil: undefined }),
  ownerId: anyText,
  contact: fc.record(
    { name: anyText, phone: anyText, mobile: anyText, email: anyText, wechat: anyText },
    { requiredKeys: ['name'] },
  ),
});

describe('the columns of a written row are the projection of its document', () => {
  /** Any run of versions of a new record, each with its fields replaced by one drawn change. */
  const anyRun = <T extends RecordBase>(spec: AnySpec, build: () => T, change: fc.Arbitrary<object>) =>
    fc.assert(
      fc.asyncProperty(
        fc.array(change, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (changes, readFirst) => {
          const first = build();
          const versions = changes.map((c): T => ({ ...first, ...c }));
          versions[0] = { ...(versions[0] as T), version: 1 };
          await writeAll(spec, versions, readFirst);
        },
      ),
      { numRuns: 80 },
    );

  it('deals, over any run of versions', () =>
    anyRun(opportunitySpec, () => b.buildOpportunity('t1'), anyDeal));

  it('leads, with contact fields absent or present', () =>
    anyRun(leadSpec, () => b.buildLead('t1'), anyLead));

  it('every other record kind, inserted and then updated after a read', async () => {
    const kinds: [AnySpec, RecordBase][] = [
      [userSpec, b.buildUser('t1')],
      [accountSpec, b.buildAccount('t1')],
      [contactSpec, b.buildContact('t1')],
      [productSpec, b.buildProduct('t1')],
      [orderSpec, b.buildOrder('t1')],
      [serviceCaseSpec, b.buildServiceCase('t1')],
      [activitySpec, b.buildActivity('t1')],
      [demoLoanSpec, b.buildDemoLoan('t1')],
      [costSpec, b.buildCost('t1')],
      [quotaSpec, buildQuota('t1')],
    ];
    for (const [spec, record] of kinds) {
      await writeAll(
        spec,
        [record, { ...record, updatedAt: b.minutesAfter(5), ownerId: 'u-next' } as RecordBase],
        true,
      );
    }
  });
});
