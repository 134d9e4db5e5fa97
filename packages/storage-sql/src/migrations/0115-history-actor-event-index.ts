import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';

/**
 * The morning review asks for the team's events of one kind in a month (`HistoryLog.byActors` with
 * `events`, e.g. the quotes sent). With only `(tenant_id, actor_id, at)` every event of the fifty
 * in the month is read and its row fetched to test the kind: at 1M, 11,956 rows for none kept
 * (701 ms at load 30, bench/PLANS-postgres-1m.md). With the kind before the time, equality on
 * actor and kind and the time range come from one index. The old index stays for the reads
 * without a kind.
 */
export function historyActorEventIndex(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createIndex('history_events_actor_event_at_ix')
        .on('history_events')
        .columns(['tenant_id', 'actor_id', 'event', 'at'])
        .execute();
    },
  };
}
