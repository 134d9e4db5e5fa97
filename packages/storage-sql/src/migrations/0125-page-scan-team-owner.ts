import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { SCOPE_KEYED_TABLES } from './0023-scope-keys.js';

/**
 * SQLite's walk of a scoped first page (a line manager of ten, wider than its merged ranges)
 * tested each row's team with a `team_members` seek: at 1M ~1,100 rows walked for 50 kept, the
 * seeks most of the statement. With the row's copied owner seat (`team_owner_id`, 0023) in the
 * walk's index, the walk tests owner, team owner and the scope's few other seats from the index
 * alone (`scopeWhere`'s `seats`). The old columns come first in the same order, so every read the
 * old index served it serves. PostgreSQL walks through its own plans and keeps its indexes.
 */
export function pageScanTeamOwner(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      if (engine.name !== 'sqlite') return;
      for (const table of SCOPE_KEYED_TABLES) {
        const subject = table === 'activities' ? ['regarding_kind'] : [];
        await db.schema.dropIndex(`${table}_page_scan_ix`).execute();
        await db.schema
          .createIndex(`${table}_page_scan_ix`)
          .on(table)
          .columns(['tenant_id', 'created_at', 'id', 'owner_id', 'team_key', ...subject, 'team_owner_id'])
          .execute();
      }
    },
  };
}
