import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { rebuildSearchTerms } from './rebuild-search-terms.js';

/**
 * Search keys carry the scope of their record (migration 0087): its `owner_id` and governing
 * `team_key`, so a scoped search filters on the key index itself instead of joining every key row
 * to the record (at 1M accounts a rep's pinyin probe read thousands of records to keep one in
 * twenty). The one index becomes covering — `(tenant_id, kind, field, term, record_id, pos,
 * owner_id, team_key)` — so a probe never leaves it but for the team test. The record id before the
 * owner keeps the many keys of one term (物流有限公司) in record order, not clustered by owner, so a
 * capped probe reads a fair sample of owners. Keys are rebuilt from the records, which also adds the
 * trade-name keys and drops the `name` key at 0 the exact key covers.
 */
export function searchScope(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('search_terms').addColumn('owner_id', 'text').execute();
      await db.schema.alterTable('search_terms').addColumn('team_key', 'text').execute();
      await db.schema.dropIndex('search_terms_kind_field_term_ix').execute();
      await rebuildSearchTerms(db, engine);
      await db.schema
        .createIndex('search_terms_probe_ix')
        .on('search_terms')
        .columns(['tenant_id', 'kind', 'field', 'term', 'record_id', 'pos', 'owner_id', 'team_key'])
        .execute();
    },
  };
}
