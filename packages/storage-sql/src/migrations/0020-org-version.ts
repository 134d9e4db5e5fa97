import { type Migration, sql } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';

/**
 * The org stamp as two columns of the tenant's row instead of an aggregate over its users: a
 * trigger adds one to `org_version` on every insert or update of a user, and `org_epoch` is drawn
 * at random whenever a tenant row is created, so a tenant deleted and imported again never
 * repeats a stamp an app server still caches. Reading it is one primary-key lookup however many
 * people the company has (the aggregate read every user row on every command).
 */
export function orgVersion(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      if (engine.name === 'sqlite') {
        await sql`alter table tenants add column org_epoch text`.execute(db);
        await sql`alter table tenants add column org_version integer not null default 0`.execute(db);
        await sql`update tenants set org_epoch = lower(hex(randomblob(8)))`.execute(db);
        await sql`create trigger tenants_org_epoch after insert on tenants
          begin update tenants set org_epoch = lower(hex(randomblob(8))) where tenant_id = new.tenant_id; end`.execute(
          db,
        );
        for (const event of ['insert', 'update'] as const) {
          await sql`create trigger ${sql.raw(`users_org_version_${event}`)} after ${sql.raw(event)} on users
            begin update tenants set org_version = org_version + 1 where tenant_id = new.tenant_id; end`.execute(
            db,
          );
        }
        return;
      }
      await sql`alter table tenants add column org_epoch text not null default md5(random()::text || clock_timestamp()::text)`.execute(
        db,
      );
      await sql`alter table tenants add column org_version bigint not null default 0`.execute(db);
      await sql`create or replace function gongfu_org_version() returns trigger language plpgsql as $$
        begin
          update tenants set org_version = org_version + 1 where tenant_id = new.tenant_id;
          return null;
        end $$`.execute(db);
      await sql`create trigger users_org_version after insert or update on users
        for each row execute function gongfu_org_version()`.execute(db);
    },
  };
}
