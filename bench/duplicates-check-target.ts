/**
 * Where the stored-check benches keep their tenant: a SQLite file (the default) or, with `--pg`, a
 * schema of the PostgreSQL at `GONGFU_PG_URL`. A kept tenant is reused by its file path or schema
 * name (`--db`), so a 100k import is paid once for many runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CrmStorage } from '@gongfu/core';
import { postgresStorage } from '@gongfu/storage-postgres';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import Database from 'better-sqlite3';
import pg from 'pg';

export interface CheckTarget {
  /** 'SQLite' or 'PostgreSQL'. */
  engine: string;
  /** The file path or schema name: pass it as `--db` to reuse the tenant. */
  where: string;
  /** Whether the tenant was there already (reused: no import, keys or estimate to make). */
  reused: boolean;
  /** A fresh storage on the tenant (the import closes its own, then the checks open another). */
  open(): Promise<CrmStorage>;
  /** The stored opportunity ids, ascending. */
  ids(): Promise<string[]>;
  /** Drops the tenant unless kept or reused; closes what this opened. */
  close(keep: boolean): Promise<void>;
}

const PG_URL = process.env.GONGFU_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** `cacheMib`: SQLite page cache for the connection (null: SQLite's default 2 MiB). */
export async function openCheckTarget(options: {
  pg: boolean;
  reuse: string | undefined;
  cacheMib: number | null;
}): Promise<CheckTarget> {
  return options.pg ? postgresTarget(options.reuse) : sqliteTarget(options.reuse, options.cacheMib);
}

function sqliteTarget(reuse: string | undefined, cacheMib: number | null): CheckTarget {
  const dir = reuse === undefined ? mkdtempSync(join(tmpdir(), 'gongfu-check-')) : undefined;
  const file = reuse ?? join(dir!, 'crm.db');
  return {
    engine: 'SQLite',
    where: file,
    reused: reuse !== undefined,
    async open() {
      const database = new Database(file);
      if (cacheMib !== null) database.pragma(`cache_size = -${Math.round(cacheMib * 1024)}`);
      return sqliteStorage({ database });
    },
    async ids() {
      const db = new Database(file, { readonly: true });
      const rows = db.prepare('select id from opportunities order by id').all() as { id: string }[];
      db.close();
      return rows.map((r) => r.id);
    },
    async close(keep) {
      if (!keep && dir !== undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresTarget(reuse: string | undefined): Promise<CheckTarget> {
  const schema = reuse ?? `gf_check_${process.pid}`;
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1, options: `-c search_path=${schema}` });
  if (reuse === undefined) await admin.query(`create schema ${schema}`);
  let migrated = reuse !== undefined;
  return {
    engine: 'PostgreSQL',
    where: schema,
    reused: reuse !== undefined,
    async open() {
      const pool = new pg.Pool({ connectionString: PG_URL, max: 4 });
      const storage = await postgresStorage({ pool }, { schema, migrate: !migrated });
      migrated = true;
      return storage;
    },
    async ids() {
      const { rows } = await admin.query('select id from opportunities order by id');
      return rows.map((r: { id: string }) => r.id);
    },
    async close(keep) {
      if (!keep && reuse === undefined) await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}
