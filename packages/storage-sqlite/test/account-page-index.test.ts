import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteStorage } from '../src/index.js';

/**
 * A customer's records are listed by account, newest first: the statement the record stores run
 * for `{ accountId: [id] }` (as a customer's timeline reads each kind). Statistics are written as
 * a sampled ANALYZE (analysis_limit 2000, the figures an import writes) leaves them for a 100k-row tenant whose
 * first index entries share one account: every account looks like 2,001 rows. Before migration
 * 0093 SQLite then walked the whole table newest first (1.2 s at 100k deals for an account of ten).
 */
function planOf(db: Database.Database, table: string, column: string): string {
  const rows = db
    .prepare(
      `explain query plan select "t"."doc", "t"."created_at", "t"."id" from "${table}" as "t"
       where ("t"."tenant_id" = ? and "t"."${column}" in (?)) order by "t"."created_at" desc, "t"."id" desc limit 501`,
    )
    .all('acme', 'acct_1') as { detail: string }[];
  return rows.map((r) => r.detail).join(' | ');
}

describe('listing a customer’s records by account (migration 0093)', () => {
  it('reads the account’s index range in page order, whatever the statistics say', async () => {
    const db = new Database(':memory:');
    const storage = await sqliteStorage({ database: db });
    db.exec('analyze');
    // Every table listed by account (0093 named their indexes so).
    const TABLES = (
      db
        .prepare(
          "select tbl_name as \"table\" from sqlite_schema where type = 'index' and name like '%account_id_page_ix'",
        )
        .all() as { table: string }[]
    ).map((r) => r.table);
    expect(TABLES.sort()).toHaveLength(7);
    const indexes = db
      .prepare(
        `select name, tbl_name as "table" from sqlite_schema where type = 'index' and tbl_name in (${TABLES.map(() => '?').join(', ')})`,
      )
      .all(...TABLES) as { name: string; table: string }[];
    db.prepare('delete from sqlite_stat1').run();
    const stat = db.prepare('insert into sqlite_stat1 (tbl, idx, stat) values (?, ?, ?)');
    for (const { name, table } of indexes) {
      const columns = (db.pragma(`index_info(${name})`) as unknown[]).length;
      // The sampled statistics: 2,001 rows per leading value, 1 per key once created_at is in it.
      const perPrefix = Array.from({ length: columns }, (_, i) =>
        i === 0 ? 2001 : /page/.test(name) && i >= 2 ? 1 : 2001,
      );
      stat.run(table, name, `100000 ${perPrefix.join(' ')}`);
    }
    db.exec('analyze sqlite_schema');
    for (const table of TABLES) {
      const plan = planOf(db, table, 'account_id');
      expect(plan, table).toContain(`USING INDEX ${table}_account_id_page_ix (tenant_id=? AND account_id=?)`);
      expect(plan, table).not.toMatch(/TEMP B-TREE|page_scan|SCAN t/);
    }
    const byEndCustomer = planOf(db, 'opportunities', 'end_customer_id');
    expect(byEndCustomer).toContain(
      'opportunities_end_customer_id_page_ix (tenant_id=? AND end_customer_id=?)',
    );
    expect(byEndCustomer).not.toMatch(/TEMP B-TREE|page_scan/);
    await storage.close();
  });
});
