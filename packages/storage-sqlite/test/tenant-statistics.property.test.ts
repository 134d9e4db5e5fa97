import Database from 'better-sqlite3';
import fc from 'fast-check';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
// Not exported by the package: the property is about the statistics an import writes instead of ANALYZE.
import type { AnyDb } from '../../storage-sql/src/any-db.js';
import {
  averagePerPrefix,
  readTenantStatistics,
  writeTenantStatistics,
} from '../../storage-sql/src/stores/sampled-statistics.js';

// After a large import Gongfu computes the planner statistics by reads, not by ANALYZE (which,
// even sampled, counts every index entry while holding SQLite's write lock). What it writes must
// be what ANALYZE would: below 2,001 entries a sampled ANALYZE reads every entry and the tenant
// widening changes nothing, so the two must agree figure for figure — on any rows, any number of
// tenants, NULLs, repeated values, a multi-column index, a unique one and a partial one.

const SCHEMA = `
  create table t (tenant_id text not null, id text not null, owner_id text, stage text, n integer,
    primary key (tenant_id, id));
  create index t_owner_ix on t (tenant_id, owner_id, n, id);
  create index t_stage_ix on t (tenant_id, stage);
  create index t_open_ix on t (tenant_id, owner_id, n) where stage = 'open';
  create unique index t_n_uq on t (tenant_id, n) where n is not null and n > 900;`;

interface Row {
  tenant: string;
  owner: string | null;
  stage: string;
  n: number | null;
}

const rowArb: fc.Arbitrary<Row> = fc.record({
  tenant: fc.constantFrom('t1', 't2', 't3'),
  owner: fc.option(fc.constantFrom('u1', 'u2', 'u3', 'u4', '王', 'ü'), { nil: null }),
  stage: fc.constantFrom('open', 'won', 'lost'),
  n: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
});

function statsOf(raw: Database.Database): Record<string, string> {
  const rows = raw.prepare(`select idx, stat from sqlite_stat1 where tbl = 't'`).all() as {
    idx: string;
    stat: string;
  }[];
  return Object.fromEntries(rows.map((r) => [r.idx, r.stat]));
}

function filled(rows: readonly Row[]): Database.Database {
  const raw = new Database(':memory:');
  raw.exec(SCHEMA);
  const insert = raw.prepare('insert or ignore into t values (?, ?, ?, ?, ?)');
  rows.forEach((r, i) => {
    // The unique index's range keeps one row per value, as the table would refuse a second.
    insert.run(r.tenant, `id${i}`, r.owner, r.stage, r.n !== null && r.n > 900 ? r.n * 1000 + i : r.n);
  });
  return raw;
}

describe('the statistics an import writes (SQLite)', () => {
  it('equal what ANALYZE writes for tables it reads whole', async () => {
    await fc.assert(
      // `size: 'max'`: arrays up to the bound, not fast-check's small default (ANALYZE's rounding
      // rule for nearly unique prefixes needs more than ten entries to show).
      fc.asyncProperty(fc.array(rowArb, { maxLength: 300, size: 'max' }), async (rows) => {
        const raw = filled(rows);
        raw.pragma('analysis_limit = 2000');
        raw.exec('analyze t');
        const analyzed = statsOf(raw);
        raw.exec(`delete from sqlite_stat1 where tbl = 't'`);
        const db = new Kysely<never>({ dialect: new SqliteDialect({ database: raw }) }) as unknown as AnyDb;
        const read = await readTenantStatistics(db, 't');
        await writeTenantStatistics(db, [read]);
        expect(statsOf(raw)).toEqual(analyzed);
        raw.close();
      }),
      { numRuns: 150 },
    );
  });

  it('replace the old figures and the old samples, and reach the planner of the connection', async () => {
    const raw = filled(
      Array.from({ length: 400 }, (_, i) => ({ tenant: 't1', owner: `u${i % 40}`, stage: 'open', n: i })),
    );
    raw.exec('analyze');
    expect(
      (raw.prepare(`select count(*) as n from sqlite_stat4 where tbl = 't'`).get() as { n: number }).n,
    ).toBeGreaterThan(0);
    raw.exec(`delete from t where owner_id <> 'u1'`);
    const db = new Kysely<never>({ dialect: new SqliteDialect({ database: raw }) }) as unknown as AnyDb;
    await writeTenantStatistics(db, [await readTenantStatistics(db, 't')]);
    expect(statsOf(raw).t_owner_ix).toBe('10 10 10 1 1');
    expect(
      (raw.prepare(`select count(*) as n from sqlite_stat4 where tbl = 't'`).get() as { n: number }).n,
    ).toBe(0);
    raw.close();
  });

  it('round as ANALYZE does: up, but a prefix at most 1.1 entries on average counts as unique', () => {
    expect(averagePerPrefix(2001, 1)).toBe(2001);
    expect(averagePerPrefix(2001, 2000)).toBe(1);
    expect(averagePerPrefix(11, 10)).toBe(1);
    expect(averagePerPrefix(12, 10)).toBe(2);
    expect(averagePerPrefix(3, 2)).toBe(2);
    expect(averagePerPrefix(0, 0)).toBe(0);
  });

  it('widen a partial index among the rows it holds, from the tenant its sample read', async () => {
    // Tenant a (first in order) has no open row; b has 24,000: 2,500 of one owner (the sample of
    // 2,001 never sees the owner change) and 21,500 of five others.
    const rows: Row[] = [
      ...Array.from({ length: 50 }, (_, i) => ({ tenant: 'a', owner: `u${i}`, stage: 'won', n: i })),
      ...Array.from({ length: 24_000 }, (_, i) => ({
        tenant: 'b',
        owner: i < 2500 ? 'u0' : `u${1 + (i % 5)}`,
        stage: 'open',
        n: i % 900,
      })),
    ];
    const raw = filled(rows);
    const db = new Kysely<never>({ dialect: new SqliteDialect({ database: raw }) }) as unknown as AnyDb;
    await writeTenantStatistics(db, [await readTenantStatistics(db, 't')]);
    // Counted among the open rows: one tenant holds them all (24,000, not 12,000 over the table's
    // two tenants), split among its six owners (4,000 each; tenant a, which has none, was no guide).
    expect(statsOf(raw).t_open_ix?.split(' ').slice(0, 3)).toEqual(['24000', '24000', '4000']);
    raw.close();
  });
});
