import type { CrmStorage } from '@gongfu/core';
import {
  type AnyDb,
  createSqlStorage,
  kyselyTransactor,
  migrateToLatest,
  postgresEngine,
  type ScopedPages,
} from '@gongfu/storage-sql';
import { CompiledQuery, Kysely, type PostgresPool, sql } from 'kysely';
import { CurrentSchemaPostgresDialect } from './current-schema-introspector.js';
import { type PGliteLike, pglitePool } from './pglite-pool.js';
import { pgRuntime } from './pipeline/pg-runtime.js';
import { pipelineTransactor } from './pipeline/pipeline-transactor.js';
import { quoteIdent } from './quote-ident.js';
import { watchedPool } from './watched-pool.js';

/** Where the database is: a `pg` Pool you own, a connection string, or a PGlite instance you own. */
export type PostgresSource =
  | { pool: PostgresPool }
  | { connectionString: string; max?: number; ssl?: unknown }
  | { pglite: PGliteLike };

export interface PostgresStorageOptions {
  /** Apply pending migrations on open (default true); safe from several servers at once. */
  migrate?: boolean;
  /**
   * A schema to keep every table in (created when missing). Set as the `search_path` of each
   * connection, so one database can hold several isolated stores (tests, staging copies).
   */
  schema?: string;
  /**
   * Pipeline each transaction over a `pg` pool (default true): writes nobody waits for travel with
   * the next read or with COMMIT, and hot statements are prepared once per connection, so a command
   * costs one round trip per read plus one. `false` runs one statement per round trip through
   * Kysely's transaction (PGlite always does: it has no network).
   */
  pipeline?: boolean;
  /**
   * How a scoped page is read: `merge` (default) from index ranges of the scope's keys, `walk`
   * newest first through the table with the scope as a filter (the reference it is tested and
   * measured against).
   */
  scopedPages?: ScopedPages;
  /**
   * Decoded activity documents kept between calls for the calendar (default 4096; 0: decode every
   * time). A kept document is used only for the same id, version and update time, so every write
   * replaces it; a whole number from 0 to 1,000,000.
   */
  documentCacheSize?: number;
}

/** Kysely instances behind storages, for helpers that need the database (row-level security). */
const databases = new WeakMap<CrmStorage, AnyDb>();

/** The Kysely instance a storage from `postgresStorage` runs on, or undefined for any other storage. */
export function databaseOf(storage: CrmStorage): AnyDb | undefined {
  return databases.get(storage);
}

/**
 * PostgreSQL storage. Write transactions run at READ COMMITTED with compare-and-set updates, so a
 * racing writer gets ConcurrencyError instead of a lost update; each transaction sets
 * `gongfu.tenant_id` for the optional row-level-security policies. A pool or PGlite you pass in
 * stays yours to close; a pool made from a connection string is closed by `storage.close()`.
 */
export async function postgresStorage(
  source: PostgresSource,
  options: PostgresStorageOptions = {},
): Promise<CrmStorage> {
  const { pool: opened, owned } = await openPool(source);
  const pool = watchedPool(opened, { ownsEnd: owned });
  const schema = options.schema;
  const db: AnyDb = new Kysely({
    dialect: new CurrentSchemaPostgresDialect({
      pool,
      onCreateConnection:
        schema === undefined
          ? undefined
          : async (connection) => {
              await connection.executeQuery(CompiledQuery.raw(`set search_path to ${quoteIdent(schema)}`));
            },
    }),
  });
  const portable = kyselyTransactor(db, postgresEngine);
  const runtime = 'pglite' in source || options.pipeline === false ? undefined : await pgRuntime();
  const base = createSqlStorage({
    db,
    engine: postgresEngine,
    transactor: runtime === undefined ? portable : pipelineTransactor(pool, runtime, schema, portable),
    // A streamed export holds one pool client in a snapshot; PGlite has one connection, so it buffers.
    openSnapshot:
      'pglite' in source
        ? undefined
        : async () => {
            const trx = await db
              .startTransaction()
              .setIsolationLevel('repeatable read')
              .setAccessMode('read only')
              .execute();
            return { db: trx, end: () => trx.commit().execute() };
          },
    ...(options.scopedPages ? { scopedPages: options.scopedPages } : {}),
    ...(options.documentCacheSize === undefined ? {} : { documentCacheSize: options.documentCacheSize }),
  });
  const migrate = async () => {
    // Kysely's Migrator creates the schema when missing (tolerating a racing server doing the
    // same), then applies migrations under a PostgreSQL advisory lock: one server applies, the
    // others wait and find nothing left to do. Unless told which schema holds its migration
    // table, it would accept one in ANY schema, so name ours.
    const target =
      schema ?? (await sql<{ name: string }>`select current_schema() as name`.execute(db)).rows[0]?.name;
    await migrateToLatest(db, postgresEngine, { schema: target ?? 'public' });
  };
  const storage: CrmStorage = { ...base, migrateToLatest: migrate };
  databases.set(storage, db);
  if (options.migrate ?? true) {
    try {
      await migrate();
    } catch (error) {
      await storage.close();
      throw error;
    }
  }
  return storage;
}

async function openPool(source: PostgresSource): Promise<{ pool: PostgresPool; owned: boolean }> {
  if ('pool' in source) return { pool: source.pool, owned: false };
  if ('pglite' in source) return { pool: pglitePool(source.pglite), owned: true };
  // Loaded on demand: `pg` is an optional peer dependency (PGlite users never need it).
  const pg = await import('pg');
  const Pool = pg.default?.Pool ?? (pg as unknown as { Pool: typeof pg.default.Pool }).Pool;
  const pool = new Pool({
    connectionString: source.connectionString,
    max: source.max ?? 10,
    ...(source.ssl === undefined ? {} : { ssl: source.ssl as never }),
  });
  // An idle client whose connection dies is dropped by the pool, which then emits `error`: unheard,
  // Node would end the process for it. The next borrower simply gets a fresh connection.
  pool.on('error', () => {});
  return { pool, owned: true };
}
