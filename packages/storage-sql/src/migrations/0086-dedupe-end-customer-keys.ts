import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';

/**
 * The duplicate detector blocks deals by their linked end customer and tender number (`ea:`, `et:`
 * keys, migration 0086). Keys stored before lack them, and a refresh re-keys only deals whose
 * versions moved: forgetting every source (the refresh watermark included) makes the next refresh
 * re-key every deal of every tenant once, as on a new database. The keys themselves stay until
 * then, so checks keep working in between.
 */
export function dedupeEndCustomerKeys(): Migration {
  return {
    async up(db: AnyDb) {
      await db.deleteFrom('dedupe_sources').execute();
    },
  };
}
