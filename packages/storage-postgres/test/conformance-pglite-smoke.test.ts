import { type ConformanceContext, runStorageConformance } from '@gongfu/core/testing';
import { describe, it } from 'vitest';
import { ON_SERVER, openTestDatabase, type TestDatabase, usePgTarget } from './support/pg-target.js';
import { rawReader } from './support/raw-reader.js';

// When the server is configured, conformance.test.ts runs there; this keeps the PGlite path (the
// README's fresh-laptop path) proven in CI as well. Without a server that file already uses PGlite.
if (ON_SERVER) {
  usePgTarget({ pglite: true });
  const open = new WeakMap<ConformanceContext, TestDatabase>();
  runStorageConformance({
    name: 'pglite (smoke beside the server)',
    async open() {
      const db = await openTestDatabase({ pglite: true });
      const ctx: ConformanceContext = { storage: db.storage, raw: rawReader(db) };
      open.set(ctx, db);
      return ctx;
    },
    async close(ctx) {
      await open.get(ctx)?.close();
    },
  });
} else {
  describe('pglite smoke beside the server', () => {
    it.skip('skipped: no server configured, so conformance.test.ts already runs on PGlite', () => {});
  });
}
