import { PGlite } from '@electric-sql/pglite';
import type { CrmStorage } from '@gongfu/core';
import { postgresStorage } from '@gongfu/storage-postgres';
import pg from 'pg';

/**
 * Test storages on PostgreSQL for suites that run against Gongfu: the real server when a URL is
 * given (CI sets `GONGFU_PG_URL`), an in-process PGlite otherwise, so the same suite passes on a
 * machine without a server. Every storage gets a fresh, migrated schema of its own and drops it
 * when closed, so suites never depend on (or leave behind) a schema.
 */
export interface PgTestTargetOptions {
  /** The server's connection string; PGlite when undefined. */
  readonly url: string | undefined;
  /** Prefix of the schemas this target creates (one per storage), e.g. `gf_reports`. */
  readonly schemaPrefix: string;
  /**
   * Registers a hook that runs after the current test file, e.g. vitest's `afterAll`. PGlite is one
   * per file (each file is its own module graph) and is closed there.
   */
  readonly afterFile: (hook: () => Promise<void>) => void;
}

export interface PgTestTarget {
  /** `'postgres server'` or `'pglite'`, for suite names. */
  readonly target: 'postgres server' | 'pglite';
  /**
   * Call at the top level of a test file that opens storages: on PGlite the close hook must be
   * registered at file level, where it runs after every suite of the file.
   */
  usePgStorage(): void;
  /** A fresh, migrated schema per storage, dropped when the storage closes. */
  openPgStorage(): Promise<CrmStorage>;
}

export function pgTestTarget(options: PgTestTargetOptions): PgTestTarget {
  const { url, schemaPrefix, afterFile } = options;
  let schemaCounter = 0;
  // Unique per process and run, so files sharing one server never meet in a schema.
  const uniqueSchema = () =>
    `${schemaPrefix}_${process.pid}_${Date.now().toString(36)}_${(schemaCounter++).toString(36)}`;

  let filePglite: PGlite | undefined;
  const pgliteOfFile = (): PGlite => {
    if (filePglite === undefined) {
      const instance = new PGlite();
      filePglite = instance;
      afterFile(async () => {
        await instance.close();
        if (filePglite === instance) filePglite = undefined;
      });
    }
    return filePglite;
  };

  const onServer = async (serverUrl: string, schema: string): Promise<CrmStorage> => {
    const pool = new pg.Pool({ connectionString: serverUrl, max: 4 });
    // The migrator creates the schema; the pool is ours (borrowed by the storage), so it can drop it.
    const dropSchema = async () => {
      await pool.query(`drop schema if exists "${schema}" cascade`);
      await pool.end();
    };
    let storage: CrmStorage;
    try {
      storage = await postgresStorage({ pool }, { schema, migrate: true });
    } catch (error) {
      // A migration that failed may have created the schema already: nothing is left behind.
      await dropSchema();
      throw error;
    }
    return {
      ...storage,
      async close() {
        await storage.close();
        await dropSchema();
      },
    };
  };

  const onPglite = async (schema: string): Promise<CrmStorage> => {
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
  };

  return {
    target: url === undefined ? 'pglite' : 'postgres server',
    usePgStorage() {
      if (url === undefined) pgliteOfFile();
    },
    openPgStorage() {
      const schema = uniqueSchema();
      return url === undefined ? onPglite(schema) : onServer(url, schema);
    },
  };
}

export { type CountingPool, countingPool, type SentStatement } from './counting-pool.js';
