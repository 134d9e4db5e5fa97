import type { CrmStorage } from '@gongfu/core';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { postgresStorage } from '../../src/index.js';
import { type CountingPool, countingPool } from '../../src/testing/counting-pool.js';
import { PG_URL, uniqueSchema } from './pg-databases.js';

export interface CountedStorage {
  /** The storage under test, open from the suite's first hook to its last. */
  readonly storage: CrmStorage;
  /** What the storage sent, statement by statement. */
  readonly recorder: CountingPool;
  /** The storage's one connection, for reading its session state (prepared statements, notices). */
  readonly real: pg.Pool;
  /** The schema the storage keeps its tables in. */
  readonly schema: string;
  /** A plain connection beside it (no search_path set), for raw SQL the test sends itself. */
  readonly admin: pg.Pool;
}

/**
 * A storage on one counted connection (so the prepared statements seen are the storage's own), in a
 * fresh schema dropped after the suite even when the storage failed to open. The schema is migrated
 * on a plain connection first: session options given for the test (JIT thresholds, auto_explain)
 * would otherwise apply to every migration statement too, while holding the migration lock that
 * every test file opening a store waits for. Call inside the suite's `describe`.
 */
export function useCountedStorage(schemaPrefix: string, sessionOptions?: string): CountedStorage {
  const schema = uniqueSchema(schemaPrefix);
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
  const real = new pg.Pool({
    connectionString: PG_URL,
    max: 1,
    ...(sessionOptions === undefined ? {} : { options: sessionOptions }),
  });
  const recorder = countingPool(real);
  let storage: CrmStorage | undefined;

  beforeAll(async () => {
    await admin.query(`create schema "${schema}"`);
    const plain = new pg.Pool({ connectionString: PG_URL, max: 1 });
    try {
      await (await postgresStorage({ pool: plain }, { schema })).close();
    } finally {
      await plain.end();
    }
    storage = await postgresStorage({ pool: recorder.pool }, { schema, migrate: false });
  });

  afterAll(async () => {
    await storage?.close();
    await real.end();
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  });

  return {
    get storage() {
      if (storage === undefined) throw new Error('the counted storage is open only inside the suite’s tests');
      return storage;
    },
    recorder,
    real,
    schema,
    admin,
  };
}
