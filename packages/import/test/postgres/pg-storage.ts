import { PGlite } from '@electric-sql/pglite';
import type { CrmStorage } from '@gongfu/core';
import { postgresStorage } from '@gongfu/storage-postgres';
import pg from 'pg';
import { afterAll } from 'vitest';

// A trimmed copy of storage-postgres' test/support/pg-target.ts: test files are not imported across
// packages, and the importer only needs a storage, not raw SQL or a second "app server".

/** The real server when `GONGFU_PG_URL` is set (CI, this machine), PGlite otherwise. */
const PG_URL = process.env.GONGFU_PG_URL || undefined;
export const TARGET = PG_URL === undefined ? 'pglite' : 'postgres server';

let schemaCounter = 0;
/** Unique per process and run, so files sharing one server never meet in a schema. */
function uniqueSchema(): string {
  return `gf_imp_${process.pid}_${Date.now().toString(36)}_${(schemaCounter++).toString(36)}`;
}

let filePglite: PGlite | undefined;
/** One PGlite per test file (each file is its own module graph), closed after the file's tests. */
function pgliteOfFile(): PGlite {
  if (filePglite === undefined) {
    const instance = new PGlite();
    filePglite = instance;
    afterAll(async () => {
      await instance.close();
      if (filePglite === instance) filePglite = undefined;
    });
  }
  return filePglite;
}

/**
 * Call at the top level of a test file that opens Postgres storages: on PGlite the close hook must
 * be registered at file level, where `afterAll` runs after every suite of the file.
 */
export function usePgStorage(): void {
  if (PG_URL === undefined) pgliteOfFile();
}

/** A `StorageFactory`: a fresh, migrated schema per storage, dropped when the storage closes. */
export async function openPgStorage(): Promise<CrmStorage> {
  const schema = uniqueSchema();
  return PG_URL === undefined ? onPglite(schema) : onServer(PG_URL, schema);
}

async function onServer(url: string, schema: string): Promise<CrmStorage> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // The migrator creates the schema; the pool is ours (borrowed by the storage), so it can drop it.
  const storage = await postgresStorage({ pool }, { schema, migrate: true });
  return {
    ...storage,
    async close() {
      await storage.close();
      await pool.query(`drop schema if exists "${schema}" cascade`);
      await pool.end();
    },
  };
}

async function onPglite(schema: string): Promise<CrmStorage> {
  const pglite = pgliteOfFile();
  const storage = await postgresStorage({ pglite }, { schema, migrate: true });
  return {
    ...storage,
    async close() {
      await storage.close();
      // The storage leaves the file's PGlite open: it is shared by every storage of the file.
      await pglite.exec(`drop schema if exists "${schema}" cascade`);
    },
  };
}
