import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';

/**
 * The duplicate detector also stores each customer's count of each basket (`#as:`, `#ab:` and the
 * `#asv` marker statistic keys), so the stored-key check reads a customer's copies of a standard
 * kit as the scan does. Keys stored before lack them, and a refresh re-keys only deals whose
 * versions moved: forgetting every source (as 0016 and 0086 do) makes the next refresh re-key every
 * deal of every tenant once. Until then the marker says the counts are missing and the check reads
 * such kits against the tenant only.
 */
export function dedupeCustomerBasketKeys(): Migration {
  return {
    async up(db: AnyDb) {
      await db.deleteFrom('dedupe_sources').execute();
    },
  };
}
