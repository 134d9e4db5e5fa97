import { type Migration, sql } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { regardingPageIndex } from './0023-scope-keys.js';

/** The columns an activity about a contact, order or service case is listed and scoped by. */
const SUBJECT_COLUMNS = ['contact_id', 'order_id', 'service_case_id'] as const;

/**
 * Activities about any record (migration 0082):
 * - `contact_id`, `order_id`, `service_case_id`, each indexed: lists filter on them, and the row
 *   scope reads each one's record to let its readers read the activity;
 * - `regarding_kind`, the kind of record it is about, for the `regardingKind` filter and the row
 *   scope (added to the page-scan index of 0021);
 * - every stored activity gets the three ids as null and a `regarding` of its deal, else its lead,
 *   else its customer (the record its team key already named), so it reads like a new one.
 */
export function activitySubjects(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      for (const column of [...SUBJECT_COLUMNS, 'regarding_kind']) {
        await db.schema.alterTable('activities').addColumn(column, engine.types.text).execute();
      }
      for (const column of SUBJECT_COLUMNS) {
        await db.schema
          .createIndex(`activities_${column}_ix`)
          .on('activities')
          .columns(['tenant_id', column])
          .execute();
      }
      // The page scan of 0021 carries the kind too: a small scope's walk tests it from the index
      // and reads the row (and the subject's subquery) only for an activity about a party.
      await db.schema.dropIndex('activities_page_scan_ix').execute();
      await db.schema
        .createIndex('activities_page_scan_ix')
        .on('activities')
        .columns(['tenant_id', 'created_at', 'id', 'owner_id', 'team_key', 'regarding_kind'])
        .execute();
      // The merged scoped page's subject ranges (0023 makes it where this column already existed).
      await regardingPageIndex(db);
      if (engine.name === 'sqlite') {
        await sql`update activities set doc = json_set(doc,
            '$.contactId', null, '$.orderId', null, '$.serviceCaseId', null,
            '$.regarding', json(case
              when json_extract(doc, '$.opportunityId') is not null
                then json_object('kind', 'opportunity', 'id', json_extract(doc, '$.opportunityId'))
              when json_extract(doc, '$.leadId') is not null
                then json_object('kind', 'lead', 'id', json_extract(doc, '$.leadId'))
              when json_extract(doc, '$.accountId') is not null
                then json_object('kind', 'account', 'id', json_extract(doc, '$.accountId'))
              end))
          where json_type(doc, '$.regarding') is null`.execute(db);
        await sql`update activities set regarding_kind = json_extract(doc, '$.regarding.kind')`.execute(db);
        return;
      }
      await sql`update activities set doc = doc || jsonb_build_object(
          'contactId', null, 'orderId', null, 'serviceCaseId', null,
          'regarding', case
            when jsonb_typeof(doc->'opportunityId') = 'string'
              then jsonb_build_object('kind', 'opportunity', 'id', doc->'opportunityId')
            when jsonb_typeof(doc->'leadId') = 'string'
              then jsonb_build_object('kind', 'lead', 'id', doc->'leadId')
            when jsonb_typeof(doc->'accountId') = 'string'
              then jsonb_build_object('kind', 'account', 'id', doc->'accountId')
            else 'null'::jsonb end)
        where not jsonb_exists(doc, 'regarding')`.execute(db);
      await sql`update activities set regarding_kind = doc->'regarding'->>'kind'`.execute(db);
    },
  };
}
