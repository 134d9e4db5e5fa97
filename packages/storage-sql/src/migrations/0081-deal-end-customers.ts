import { type Migration, sql } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';

/**
 * The end customer becomes a linked account and the tender a record of its own (migration 0081):
 * - `opportunities.end_customer_id`, indexed, so deals can be listed by their end customer;
 * - deals stored with a free-text tender get `{ number, issuer: null, deadline: null }` and an
 *   unlinked `accountId: null`, and every deal gets an empty `contacts` list, so every stored deal
 *   reads the same shape as a new one; a logged outcome gets an empty `metContactIds`.
 */
export function dealEndCustomers(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('opportunities').addColumn('end_customer_id', engine.types.text).execute();
      await db.schema
        .createIndex('opportunities_end_customer_id_ix')
        .on('opportunities')
        .columns(['tenant_id', 'end_customer_id'])
        .execute();
      if (engine.name === 'sqlite') {
        await sql`update opportunities set doc = json_set(doc, '$.endCustomer.tender',
            json_object('number', json_extract(doc, '$.endCustomer.tender'), 'issuer', null, 'deadline', null))
          where json_type(doc, '$.endCustomer.tender') = 'text'`.execute(db);
        await sql`update opportunities set doc = json_set(doc, '$.endCustomer.accountId', null)
          where json_type(doc, '$.endCustomer') = 'object' and json_type(doc, '$.endCustomer.accountId') is null`.execute(
          db,
        );
        await sql`update opportunities set doc = json_set(doc, '$.contacts', json('[]'))
          where json_type(doc, '$.contacts') is null`.execute(db);
        await sql`update activities set doc = json_set(doc, '$.outcome.metContactIds', json('[]'))
          where json_type(doc, '$.outcome') = 'object' and json_type(doc, '$.outcome.metContactIds') is null`.execute(
          db,
        );
        return;
      }
      await sql`update opportunities set doc = jsonb_set(doc, '{endCustomer,tender}',
          jsonb_build_object('number', doc->'endCustomer'->>'tender', 'issuer', null, 'deadline', null))
        where jsonb_typeof(doc->'endCustomer'->'tender') = 'string'`.execute(db);
      await sql`update opportunities set doc = jsonb_set(doc, '{endCustomer,accountId}', 'null'::jsonb)
        where jsonb_typeof(doc->'endCustomer') = 'object' and not jsonb_exists(doc->'endCustomer', 'accountId')`.execute(
        db,
      );
      await sql`update opportunities set doc = jsonb_set(doc, '{contacts}', '[]'::jsonb)
        where not jsonb_exists(doc, 'contacts')`.execute(db);
      await sql`update activities set doc = jsonb_set(doc, '{outcome,metContactIds}', '[]'::jsonb)
        where jsonb_typeof(doc->'outcome') = 'object' and not jsonb_exists(doc->'outcome', 'metContactIds')`.execute(
        db,
      );
    },
  };
}
