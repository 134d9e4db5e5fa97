import { PGlite } from '@electric-sql/pglite';
import type { FuzzStorageModule } from '@gongfu/service-suites';
import pg from 'pg';
import { ON_SERVER, openOnPglite, openOnServer, PG_URL, uniqueSchema } from '../support/pg-databases.js';

/** Schemas of the fuzz child are named `gf_fuzz_<child pid>_…`, so the parent finds what a killed child left. */
const PREFIX = 'gf_fuzz';

/**
 * The fuzz child's storage (loaded in the child process, see fuzz-child.ts): its own schema on the
 * server when GONGFU_PG_URL is set, dropped on close; else its own PGlite, which dies with the child.
 */
export const openFuzzStorage: FuzzStorageModule['openFuzzStorage'] = async () => {
  const schema = uniqueSchema(PREFIX);
  if (ON_SERVER) {
    const db = await openOnServer(schema, {});
    return { ...db.storage, close: () => db.close() };
  }
  const pglite = new PGlite();
  const db = await openOnPglite(pglite, schema, {});
  return {
    ...db.storage,
    close: async () => {
      await db.close();
      await pglite.close();
    },
  };
};

/** Drops the schema of a child killed before its close (server only; a PGlite died with the child). */
export async function dropFuzzLeftovers(childPid: number): Promise<void> {
  if (!ON_SERVER) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      'select schema_name as name from information_schema.schemata where starts_with(schema_name, $1)',
      [`${PREFIX}_${childPid}_`],
    );
    for (const { name } of rows) await client.query(`drop schema if exists "${name}" cascade`);
  } finally {
    await client.end();
  }
}
