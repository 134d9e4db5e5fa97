import type { AnyDb } from '@gongfu/storage-sql';
import { CompiledQuery, PostgresIntrospector } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseOf } from '../src/index.js';
import {
  NEEDS_SERVER,
  ON_SERVER,
  openTestDatabase,
  type TestDatabase,
  uniqueSchema,
} from './support/pg-target.js';

/**
 * The Migrator asks the introspector whether its tables exist each time a store opens. Kysely's own
 * introspector read every schema and looked each up again by name, so a schema another connection
 * dropped meanwhile failed the open (seen as a parallel test file failing with another file's schema
 * in the message). A repeatable-read snapshot taken before the drop replays that moment exactly.
 */
describe.skipIf(!ON_SERVER)(`introspection while another schema is dropped [${NEEDS_SERVER}]`, () => {
  let db: TestDatabase;
  const other = uniqueSchema('gf_dropped');

  beforeAll(async () => {
    db = await openTestDatabase({ max: 1 });
  });

  afterAll(async () => {
    await db?.query(`drop schema if exists "${other}" cascade`);
    await db?.close();
  });

  /** Introspects on the store's own Kysely, in a snapshot that still sees `other`, after `other` is dropped. */
  async function introspectAfterDrop(introspect: (trx: AnyDb) => Promise<unknown>) {
    await db.query(`create schema "${other}"; create table "${other}".t (id serial primary key)`);
    const kysely = databaseOf(db.storage);
    if (kysely === undefined) throw new Error('not a postgresStorage');
    return kysely
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await trx.executeQuery(CompiledQuery.raw('select 1')); // takes the snapshot
        await db.query(`drop schema "${other}" cascade`);
        return introspect(trx);
      });
  }

  it("Kysely's own introspector fails naming the dropped schema (the failure this guards against)", async () => {
    await expect(
      introspectAfterDrop((trx) =>
        new PostgresIntrospector(trx).getTables({ withInternalKyselyTables: true }),
      ),
    ).rejects.toThrow(`schema "${other}" does not exist`);
  });

  it("the store's introspector lists its own tables, and only those, at the same moment", async () => {
    const tables = (await introspectAfterDrop((trx) =>
      trx.introspection.getTables({ withInternalKyselyTables: true }),
    )) as { name: string; schema?: string }[];
    const names = tables.map((t) => t.name);
    expect(names).toContain('kysely_migration');
    expect(names).toContain('leads');
    expect(new Set(tables.map((t) => t.schema))).toEqual(new Set([db.schema]));
  });
});
