import { describe, expect, it } from 'vitest';
import { planOf, planWorld } from './support/prepared-texts.js';

/**
 * A rep reads one customer's records (its timeline): every list is filtered by the account and
 * scoped to the rep. Merged scope ranges would read the rep's whole owner range (every deal the rep
 * has, 5,000 at 1M) to find the customer's ten; the account's own range (migration 0093) holds just
 * those. The statistics are those of a tenant whose records mostly share one account or none (a
 * sampled ANALYZE, widened): the owner index looks far more selective than the account's, so only
 * the statement's shape can keep the planner on the account range.
 */
describe("a customer's records read by a rep (SQLite plans)", () => {
  it('come from the account range, not from the rep’s owner ranges or the table walk', async () => {
    const { db, seen, storage, w, rep, lead } = await planWorld();
    await w.crm.leads.logContact(rep, lead.id, {
      kind: 'visit',
      at: '2026-03-02T10:00:00+08:00',
      outcome: { metWith: '王工', opinion: 'positive', summary: '需要方案', newRequirements: [] },
    });
    const { opportunity } = await w.crm.leads.convert(rep, lead.id, {
      account: { kind: 'end_user' },
      requiredDelivery: '2026-06-30',
      region: { province: '37' },
    });
    const accountId = opportunity.accountId as string;

    db.exec('analyze');
    const indexes = db
      .prepare(
        "select name, tbl_name as \"table\" from sqlite_schema where type = 'index' and tbl_name in ('leads', 'opportunities', 'activities', 'cost_entries')",
      )
      .all() as { name: string; table: string }[];
    db.prepare('delete from sqlite_stat1').run();
    const stat = db.prepare('insert into sqlite_stat1 (tbl, idx, stat) values (?, ?, ?)');
    for (const { name, table } of indexes) {
      const columns = (db.pragma(`index_info(${name})`) as unknown[]).length;
      // 100k rows of one tenant: ~500 per owner, one account (or none) for all, unique by time.
      const second = /_owner_id_/.test(name) ? 501 : /_page_scan_|_1$/.test(name) ? 1 : 100_000;
      const figures = Array.from({ length: columns }, (_, i) => (i === 0 ? 100_000 : i === 1 ? second : 1));
      stat.run(table, name, `100000 ${figures.join(' ')}`);
    }
    db.exec('analyze sqlite_schema');

    seen.length = 0;
    const timeline = await w.crm.accounts.timeline(rep, accountId, { limit: 50 });
    expect(timeline.items.some((e) => e.kind === 'deal')).toBe(true);
    const byAccount = [...new Set(seen)].filter(
      (s) =>
        /"account_id" in|"end_customer_id" in/.test(s) &&
        /from "(leads|opportunities|activities|cost_entries)"/.test(s),
    );
    expect(byAccount.length).toBeGreaterThanOrEqual(4);
    for (const text of byAccount) {
      const plan = planOf(db, text);
      const table = /from "(\w+)"/.exec(text)?.[1];
      expect(plan, text).toMatch(new RegExp(`USING INDEX ${table}_(account_id|end_customer_id)_page_ix`));
      expect(plan, text).not.toMatch(/_owner_id_page_ix|page_scan/);
    }
    await storage.close();
  });
});
