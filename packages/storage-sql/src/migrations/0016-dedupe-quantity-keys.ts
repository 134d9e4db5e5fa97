import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';

/**
 * The duplicate detector also blocks deals by SKU and exact quantity (`rq:` keys). Keys stored
 * before lack them, and a refresh re-keys only deals whose versions moved: forgetting every source
 * (as 0086 does) makes the next refresh re-key every deal of every tenant once. The keys stay until
 * then, so checks keep working in between.
 */
export function dedupeQuantityKeys(): Migration {
  return {
    async up(db: AnyDb) {
      await db.deleteFrom('dedupe_sources').execute();
    },
  };
}
