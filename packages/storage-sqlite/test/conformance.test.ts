import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConformanceContext } from '@gongfu/core/testing';
import { runStorageConformance } from '@gongfu/core/testing';
import Database from 'better-sqlite3';
import { sqliteStorage } from '../src/index.js';

/** Raw reads straight through better-sqlite3, bypassing the adapter. */
function rawReader(db: Database.Database): ConformanceContext['raw'] {
  const ident = (name: string) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
    return `"${name}"`;
  };
  return {
    async rows(table, where) {
      const keys = Object.keys(where);
      const clause = keys.length === 0 ? '' : ` WHERE ${keys.map((k) => `${ident(k)} = ?`).join(' AND ')}`;
      const statement = db.prepare(`SELECT * FROM ${ident(table)}${clause}`);
      return statement.all(...keys.map((k) => where[k])) as Record<string, unknown>[];
    },
  };
}

// :memory: is private to its connection, so the harness opens it and hands the same connection to the
// adapter (its `database` option); raw reads then run on that connection, outside any transaction.
const memoryConnections = new WeakMap<ConformanceContext, Database.Database>();
runStorageConformance({
  name: 'sqlite (memory)',
  async open() {
    const db = new Database(':memory:');
    const ctx: ConformanceContext = { storage: await sqliteStorage({ database: db }), raw: rawReader(db) };
    memoryConnections.set(ctx, db);
    return ctx;
  },
  async close(ctx) {
    await ctx.storage.close();
    memoryConnections.delete(ctx);
  },
});

// A file in a temp dir: raw reads use a second, read-only connection, which in WAL mode sees every commit.
const fileResources = new WeakMap<ConformanceContext, { reader: Database.Database; dir: string }>();
runStorageConformance({
  name: 'sqlite (file)',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'gongfu-conformance-'));
    const filename = join(dir, 'crm.db');
    const storage = await sqliteStorage({ filename });
    const reader = new Database(filename, { readonly: true });
    const ctx: ConformanceContext = { storage, raw: rawReader(reader) };
    fileResources.set(ctx, { reader, dir });
    return ctx;
  },
  async close(ctx) {
    await ctx.storage.close();
    const resources = fileResources.get(ctx);
    resources?.reader.close();
    if (resources) rmSync(resources.dir, { recursive: true, force: true });
  },
});
