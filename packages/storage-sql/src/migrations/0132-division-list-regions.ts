import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { rebuildSearchTerms } from './rebuild-search-terms.js';

/**
 * Company names are now read against the whole GB/T 2260 division list (every prefecture city and
 * county, not a hand list of 50 cities) and more business words, so the trade name of 唐山恒达钢铁
 * is 恒达 where it used to be the whole name. Two kinds of stored keys follow the trade name: the
 * search keys (`trade`), rebuilt here from the records as 0087 built them, and the duplicate
 * detector's customer keys, re-keyed by the next refresh once every dedupe source is forgotten
 * (as 0016, 0086, 0100 and 0130 do). Until that refresh checks find what they found before.
 */
export function divisionListRegions(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      await rebuildSearchTerms(db, engine);
      await db.deleteFrom('dedupe_sources').execute();
    },
  };
}
