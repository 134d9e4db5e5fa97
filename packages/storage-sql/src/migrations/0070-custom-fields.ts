import { type Migration, sql } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';

/** The record kinds that carry an app's custom fields in `doc.custom`. */
const WITH_CUSTOM = [
  'accounts',
  'contacts',
  'products',
  'leads',
  'opportunities',
  'orders',
  'service_cases',
  'activities',
] as const;

/**
 * Records written before custom fields existed get an empty `custom` object, so every record reads
 * the same shape; a field declared later is simply absent from it. No column is added: the values
 * live in the JSON document, filtered through `json_extract` / `->` (see docs/custom-fields.md for
 * the expression indexes an app adds for the fields it filters on).
 */
export function customFields(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      for (const table of WITH_CUSTOM) {
        if (engine.name === 'sqlite')
          await sql`update ${sql.table(table)} set doc = json_set(doc, '$.custom', json('{}'))
            where json_type(doc, '$.custom') is null`.execute(db);
        else
          await sql`update ${sql.table(table)} set doc = jsonb_set(doc, '{custom}', '{}'::jsonb)
            where not jsonb_exists(doc, 'custom')`.execute(db);
      }
    },
  };
}
