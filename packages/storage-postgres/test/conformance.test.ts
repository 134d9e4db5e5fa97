import { type ConformanceContext, runStorageConformance } from '@gongfu/core/testing';
import { openTestDatabase, TARGET, type TestDatabase, usePgTarget } from './support/pg-target.js';
import { rawReader } from './support/raw-reader.js';

usePgTarget();

const open = new WeakMap<ConformanceContext, TestDatabase>();

/** The same suite as SQLite, unchanged: on the server when GONGFU_PG_URL is set, else on PGlite. */
runStorageConformance({
  name: TARGET,
  async open() {
    const db = await openTestDatabase();
    const ctx: ConformanceContext = { storage: db.storage, raw: rawReader(db) };
    open.set(ctx, db);
    return ctx;
  },
  async close(ctx) {
    await open.get(ctx)?.close();
  },
});
