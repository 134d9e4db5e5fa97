import type { PGlite } from '@electric-sql/pglite';
import type { CrmStorage } from '@gongfu/core';
import type { ScopedPages } from '@gongfu/storage-sql';
import pg from 'pg';
import { pglitePool, postgresStorage } from '../../src/index.js';

// No vitest import here: the fuzz child process (test/service/fuzz-storage.ts) opens its schema with these.

/** The real server when `GONGFU_PG_URL` is set (CI, this machine), PGlite otherwise. */
export const PG_URL = process.env.GONGFU_PG_URL || undefined;
export const ON_SERVER = PG_URL !== undefined;
export const TARGET = ON_SERVER ? 'postgres server' : 'pglite';
/** Why a test that needs several real connections is skipped on PGlite (one connection, in-process). */
export const NEEDS_SERVER = 'needs a real server: PGlite is a single connection, so there is no race to test';

export type Row = Record<string, unknown>;

/** A store in its own fresh schema, raw SQL beside it, and a close that drops the schema. */
export interface TestDatabase {
  storage: CrmStorage;
  schema: string;
  /** Raw SQL outside the adapter, with `search_path` set to the schema. */
  query(text: string, params?: unknown[]): Promise<Row[]>;
  /** A further storage on the same schema over its own pool (server) — another "app server". */
  openAnother(options?: { max?: number; migrate?: boolean; scopedPages?: ScopedPages }): Promise<CrmStorage>;
  close(): Promise<void>;
}

let schemaCounter = 0;
export function uniqueSchema(prefix = 'gf'): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${(schemaCounter++).toString(36)}`;
}

export async function openOnServer(
  schema: string,
  options: { max?: number; migrate?: boolean },
): Promise<TestDatabase> {
  const admin = new pg.Pool({ connectionString: PG_URL, max: 2, options: `-c search_path=${schema}` });
  await admin.query(`create schema "${schema}"`);
  const pools: pg.Pool[] = [];
  const open = async (o: { max?: number; migrate?: boolean; scopedPages?: ScopedPages }) => {
    const pool = new pg.Pool({ connectionString: PG_URL, max: o.max ?? 4 });
    pools.push(pool);
    return postgresStorage(
      { pool },
      { schema, migrate: o.migrate ?? true, ...(o.scopedPages ? { scopedPages: o.scopedPages } : {}) },
    );
  };
  const storages: CrmStorage[] = [];
  const first = await open(options);
  storages.push(first);
  return {
    storage: first,
    schema,
    async query(text, params) {
      return (await admin.query(text, params as unknown[])).rows as Row[];
    },
    async openAnother(o = {}) {
      const s = await open(o);
      storages.push(s);
      return s;
    },
    async close() {
      for (const s of storages) await s.close();
      for (const p of pools) await p.end();
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    },
  };
}

export async function openOnPglite(
  pglite: PGlite,
  schema: string,
  options: { migrate?: boolean },
): Promise<TestDatabase> {
  const storage = await postgresStorage({ pglite }, { schema, migrate: options.migrate ?? true });
  // Raw reads queue behind the storage's transactions on the one connection.
  const pool = pglitePool(pglite);
  const query = async (text: string, params?: unknown[]) => {
    const client = await pool.connect();
    try {
      await client.query(`set search_path to "${schema}"`, []);
      return (await client.query<Row>(text, params ?? [])).rows;
    } finally {
      client.release();
    }
  };
  return {
    storage,
    schema,
    query,
    async openAnother(o = {}) {
      return postgresStorage(
        { pglite },
        { schema, migrate: o.migrate ?? true, ...(o.scopedPages ? { scopedPages: o.scopedPages } : {}) },
      );
    },
    async close() {
      await storage.close();
      await query(`drop schema if exists "${schema}" cascade`);
    },
  };
}
