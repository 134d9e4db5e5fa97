import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteStorage } from '../src/index.js';

/**
 * Migration 0125: SQLite's walk of a line manager's page tests `team_owner_id` on each row, so the
 * walk's index must carry it after the columns it already had (their order serves the old reads).
 */
describe('migration 0125 (SQLite)', () => {
  it('puts team_owner_id last in each scope-keyed table page-scan index, the old columns first', async () => {
    const raw = new Database(':memory:');
    const storage = await sqliteStorage({ database: raw });
    const columns = (index: string) =>
      (
        raw.prepare(`select name from pragma_index_info(?) order by seqno`).all(index) as { name: string }[]
      ).map((r) => r.name);
    const base = ['tenant_id', 'created_at', 'id', 'owner_id', 'team_key'];
    for (const table of ['leads', 'opportunities', 'cost_entries'])
      expect(columns(`${table}_page_scan_ix`), table).toEqual([...base, 'team_owner_id']);
    expect(columns('activities_page_scan_ix')).toEqual([...base, 'regarding_kind', 'team_owner_id']);
    // Tables without scope keys keep the walk index 0021 made.
    expect(columns('orders_page_scan_ix')).toEqual(base);
    await storage.close();
  });
});
