import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteStorage } from '../src/index.js';

/**
 * The morning review reads its team's events of one kind in a month (`HistoryLog.byActors` with
 * `events`). Before migration 0115 the only index was `(tenant_id, actor_id, at)`: every event of
 * the fifty in the month was read and tested for its kind (at 1M on PostgreSQL 11,956 rows for
 * none kept, 701 ms). The statistics here are what a 1M tenant's sampled ANALYZE leaves, where all
 * events are of one kind (the kind looks useless as a key): the kind must still come from the index.
 */
const STATEMENT = `explain query plan select * from "history_events" where "tenant_id" = ?
  and "actor_id" in (?, ?, ?) and "at" >= ? and "at" < ? and "event" in (?) order by "at", "seq" limit 1000`;

describe('a team’s events of one kind in a month (migration 0115)', () => {
  it('reads actor, kind and time from one index, whatever the statistics say', async () => {
    const db = new Database(':memory:');
    const storage = await sqliteStorage({ database: db });
    const plan = () =>
      (
        db.prepare(STATEMENT).all('acme', 'u_1', 'u_2', 'u_3', '2026-11-01', '2026-12-01', 'lead.quoted') as {
          detail: string;
        }[]
      )
        .map((r) => r.detail)
        .join(' | ');
    db.exec('analyze');
    expect(plan()).toContain(
      'USING INDEX history_events_actor_event_at_ix (tenant_id=? AND actor_id=? AND event=? AND at>? AND at<?)',
    );
    db.prepare("delete from sqlite_stat1 where tbl = 'history_events'").run();
    const stat = db.prepare("insert into sqlite_stat1 (tbl, idx, stat) values ('history_events', ?, ?)");
    // 1,000,012 events of 200 actors, one kind: the kind narrows nothing.
    stat.run('history_events_actor_id_at_ix', '1000012 1000012 5000 1');
    stat.run('history_events_actor_event_at_ix', '1000012 1000012 5000 5000 1');
    db.exec('analyze sqlite_schema');
    const scaled = plan();
    expect(scaled).toContain('history_events_actor_event_at_ix');
    expect(scaled).not.toMatch(/SCAN history_events/);
    await storage.close();
  });
});
