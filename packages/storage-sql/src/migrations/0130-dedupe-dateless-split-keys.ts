import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';

/**
 * The duplicate detector splits an oversize block by keys that need no delivery date: `pq:` (province,
 * line group and exact quantity) and `nq:` (a customer key by line group and quantity), so a deal
 * without a date still meets its partner inside a busy customer's or a popular SKU's block. Keys
 * stored before lack them, and a refresh re-keys only deals whose versions moved: forgetting every
 * source (as 0016, 0086 and 0100 do) makes the next refresh re-key every deal of every tenant once.
 * The old keys stay until then, so checks keep working in between, finding what they found before.
 */
export function dedupeDatelessSplitKeys(): Migration {
  return {
    async up(db: AnyDb) {
      await db.deleteFrom('dedupe_sources').execute();
    },
  };
}
