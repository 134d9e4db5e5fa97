/**
 * One racing writer, run as its own process (its own SQLite connection). better-sqlite3 blocks the
 * thread while it waits for the write lock, so racing connections must live in separate processes.
 *
 * argv: <file> <tenantId> <productId> <iterations> <mode: cas | unchecked>
 * Prints `ready`, waits for a line on stdin, races, prints one JSON line {accepted, rejected}.
 */
import { createInterface } from 'node:readline';
import { isCrmError, type Product } from '@gongfu/core';
import { sqliteStorage } from '../../src/index.js';

const [file, tenantId, productId, iterationsText, mode] = process.argv.slice(2);
if (!file || !tenantId || !productId || !iterationsText || (mode !== 'cas' && mode !== 'unchecked')) {
  throw new Error('usage: race-worker <file> <tenantId> <productId> <iterations> <cas|unchecked>');
}
const storage = await sqliteStorage({ filename: file, migrate: false });
const bump = (p: Product, version: number): Product => ({
  ...p,
  listPrice: { amount: (p.listPrice?.amount ?? 0) + 1, currency: 'CNY' },
  version,
});

process.stdout.write('ready\n');
await new Promise<void>((resolve) => {
  const input = createInterface({ input: process.stdin });
  input.once('line', () => {
    input.close();
    resolve();
  });
});

let accepted = 0;
let rejected = 0;
for (let i = 0; i < Number(iterationsText); i += 1) {
  // Read in one transaction, write in another: the window in which another writer can interleave.
  const seen = await storage.read({ tenantId }, (tx) => tx.products.get(productId));
  if (seen === null) throw new Error('product vanished');
  await new Promise((r) => setImmediate(r));
  if (mode === 'cas') {
    try {
      await storage.transaction({ tenantId }, (tx) =>
        tx.products.update(bump(seen, seen.version + 1), seen.version),
      );
      accepted += 1;
    } catch (error) {
      if (!isCrmError(error, 'CONCURRENCY')) throw error;
      rejected += 1;
    }
  } else {
    // The control: the version check defeated by passing whatever version is stored right now.
    await storage.transaction({ tenantId }, async (tx) => {
      const now = await tx.products.get(productId);
      if (now === null) throw new Error('product vanished');
      await tx.products.update(bump(seen, now.version + 1), now.version);
    });
    accepted += 1;
  }
}
await storage.close();
process.stdout.write(`${JSON.stringify({ accepted, rejected })}\n`);
