import { type Migration, sql } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';

/**
 * A saved configuration version moves the tenant's org stamp (0020) too, so the service caches
 * the configuration beside the org chart and sees a change with the stamp it reads anyway: the
 * vocabularies and reminder rules every command checks cost no read of their own.
 */
export function configStamp(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      if (engine.name === 'sqlite') {
        await sql`create trigger tenant_configs_org_version after insert on tenant_configs
          begin update tenants set org_version = org_version + 1 where tenant_id = new.tenant_id; end`.execute(
          db,
        );
        return;
      }
      await sql`create trigger tenant_configs_org_version after insert on tenant_configs
        for each row execute function gongfu_org_version()`.execute(db);
    },
  };
}
