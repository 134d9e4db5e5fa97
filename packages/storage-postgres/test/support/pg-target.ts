import { PGlite } from '@electric-sql/pglite';
import type { CrmStorage } from '@gongfu/core';
import { afterAll } from 'vitest';
import { ON_SERVER, openOnPglite, openOnServer, type TestDatabase, uniqueSchema } from './pg-databases.js';

export {
  NEEDS_SERVER,
  ON_SERVER,
  PG_URL,
  type Row,
  TARGET,
  type TestDatabase,
  uniqueSchema,
} from './pg-databases.js';

let sharedPglite: PGlite | undefined;
/** One PGlite per test file (each file is its own module graph); closed after the file's tests. */
export function filePglite(): PGlite {
  if (sharedPglite === undefined) {
    const instance = new PGlite();
    sharedPglite = instance;
    afterAll(async () => {
      await instance.close();
      if (sharedPglite === instance) sharedPglite = undefined;
    });
  }
  return sharedPglite;
}

/** Call at the top level of a test file that will open PGlite databases, so the close hook registers. */
export function usePgTarget(options: { pglite?: boolean } = {}): void {
  if (!ON_SERVER || options.pglite === true) filePglite();
}

export interface OpenOptions {
  /** Pool size on the server (default 4). */
  max?: number;
  migrate?: boolean;
  /** Use the file's PGlite even when a server is configured (the PGlite smoke run). */
  pglite?: boolean;
}

export async function openTestDatabase(options: OpenOptions = {}): Promise<TestDatabase> {
  const schema = uniqueSchema();
  return ON_SERVER && options.pglite !== true
    ? openOnServer(schema, options)
    : openOnPglite(filePglite(), schema, options);
}

/** A `StorageFactory` for the service suites: a fresh schema per storage, dropped on close. */
export async function openServiceStorage(): Promise<CrmStorage> {
  const db = await openTestDatabase();
  return { ...db.storage, close: () => db.close() };
}
