import { type ConformanceContext, runStorageConformance } from '@gongfu/core/testing';
import { openTestDatabase, type TestDatabase, usePgTarget } from './support/pg-target.js';
import { rawReader } from './support/raw-reader.js';

// When the server is configured, conformance.test.ts runs there; this keeps the PGlite path (the
// README's fresh-laptop path) proven in CI as well. Without a server both files run on PGlite: the
// repetition costs a laptop a minute and no test is ever left skipped.
usePgTarget({ pglite: true });
{
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
}
