import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';

/** The record tables whose first pages are read all day by people with small scopes. */
const LISTED = [
  'leads',
  'opportunities',
  'orders',
  'activities',
  'cost_entries',
  'accounts',
  'contacts',
] as const;

/**
 * A salesperson's first page walks the table newest first and keeps the rows they own or whose
 * team they are on: with ~180 reps that is ~9,000 index entries for 50 rows, whatever the table's
 * size. These indexes carry the columns that test (owner, team) after the order (created_at, id),
 * so the walk reads compact index pages and fetches a row only when it is kept.
 */
export function scanIndexes(_engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      for (const table of LISTED) {
        await db.schema
          .createIndex(`${table}_page_scan_ix`)
          .on(table)
          .columns(['tenant_id', 'created_at', 'id', 'owner_id', 'team_key'])
          .execute();
        await db.schema.dropIndex(`${table}_created_at_id_ix`).execute();
      }
      // A scope's memberships, read whole by PostgreSQL's hashed subplan (and by SQLite for a
      // person's teams): with the key in the index they are read from the index alone.
      await db.schema
        .createIndex('team_members_user_id_team_key_ix')
        .on('team_members')
        .columns(['tenant_id', 'user_id', 'team_key'])
        .execute();
    },
  };
}
