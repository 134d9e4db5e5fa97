import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';

/**
 * A tenant import runs in many short transactions (commands of other tenants go on between them),
 * yet stays all-or-nothing as users see it. The tenant row says where the import stands:
 * - `import_state`: null once imported (or never imported); 'importing' while rows are written —
 *   the tenant is not listed or found until the final flip; 'removing' while a failed import's rows
 *   are deleted again;
 * - `import_done`: rows committed so far, where a resumed import continues;
 * - `import_source`: which export is being imported, so a resume reads the same one.
 */
export function tenantImportState(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('tenants').addColumn('import_state', 'text').execute();
      await db.schema.alterTable('tenants').addColumn('import_done', 'bigint').execute();
      await db.schema.alterTable('tenants').addColumn('import_source', 'text').execute();
    },
  };
}
