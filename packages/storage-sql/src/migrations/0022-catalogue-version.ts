import { type Migration, sql } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';

/**
 * The catalogue stamp, like the org stamp (0020): a trigger adds one to the tenant row's
 * `catalogue_version` on every insert or update of a product, and the stamp pairs it with the
 * tenant's random `org_epoch`, so a tenant deleted and imported again never repeats a stamp an app
 * server still caches. Commands that check lines against the catalogue then reuse the products
 * they read while the stamp holds, instead of reading them on every capture, quote and conversion.
 */
export function catalogueVersion(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      if (engine.name === 'sqlite') {
        await sql`alter table tenants add column catalogue_version integer not null default 0`.execute(db);
        for (const event of ['insert', 'update'] as const) {
          await sql`create trigger ${sql.raw(`products_catalogue_version_${event}`)} after ${sql.raw(event)} on products
            begin update tenants set catalogue_version = catalogue_version + 1 where tenant_id = new.tenant_id; end`.execute(
            db,
          );
        }
        return;
      }
      await sql`alter table tenants add column catalogue_version bigint not null default 0`.execute(db);
      await sql`create or replace function gongfu_catalogue_version() returns trigger language plpgsql as $$
        begin
          update tenants set catalogue_version = catalogue_version + 1 where tenant_id = new.tenant_id;
          return null;
        end $$`.execute(db);
      await sql`create trigger products_catalogue_version after insert or update on products
        for each row execute function gongfu_catalogue_version()`.execute(db);
    },
  };
}
