import { isCrmError } from '@gongfu/core';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteStorage } from '../src/index.js';
import { buildProduct, T0 } from './support/builders.js';
import { rejectionOf, tempDir } from './support/open-storage.js';

let cleanup = () => {};
afterEach(() => cleanup());

/**
 * A storage on a file plus a second connection to it (as another process's would be), which holds
 * the write lock until `release` is called.
 */
async function lockedBesides(options: { busyStepMs?: number; busyTimeoutMs?: number }) {
  const tmp = tempDir();
  const storage = await sqliteStorage({ filename: tmp.file, ...options });
  await storage.tenants.create({ id: 't1', name: 'T1', createdAt: T0 });
  const other = new Database(tmp.file);
  other.exec('begin immediate');
  cleanup = () => {
    if (other.inTransaction) other.exec('rollback');
    other.close();
    tmp.cleanup();
  };
  return { storage, release: () => other.exec('commit') };
}

describe('waiting for another connection’s write lock (busy-wait.ts)', () => {
  it('waits in steps of its own with the event loop free: the holder, on the same thread, releases and the write goes in', async () => {
    const { storage, release } = await lockedBesides({ busyTimeoutMs: 60_000 });
    const product = buildProduct('t1', { sku: 'WAIT-1' });
    let committed = false;
    const write = storage
      .transaction({ tenantId: 't1' }, (tx) => tx.products.insert(product))
      .then(() => {
        committed = true;
      });
    // The transaction is waiting for the lock, yet timers of this thread still run.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(committed).toBe(false);
    release();
    await write;
    expect(committed).toBe(true);
    expect(await storage.read({ tenantId: 't1' }, (tx) => tx.products.get(product.id))).toMatchObject({
      sku: 'WAIT-1',
    });
    await storage.close();
  });

  it('gives up after busyTimeoutMs with a StorageError and writes nothing', async () => {
    const { storage, release } = await lockedBesides({ busyTimeoutMs: 50 });
    const product = buildProduct('t1', { sku: 'WAIT-2' });
    const error = await rejectionOf(
      storage.transaction({ tenantId: 't1' }, (tx) => tx.products.insert(product)),
    );
    expect(isCrmError(error) && error.code).toBe('STORAGE');
    release();
    expect(await storage.read({ tenantId: 't1' }, (tx) => tx.products.get(product.id))).toBeNull();
    await storage.close();
  });

  it("control: with SQLite's own handler (busyStepMs 0) the wait blocks the thread, so a holder on it never releases", async () => {
    const { storage, release } = await lockedBesides({ busyStepMs: 0, busyTimeoutMs: 200 });
    const product = buildProduct('t1', { sku: 'WAIT-3' });
    let timerRan = false;
    setTimeout(() => {
      timerRan = true;
    }, 0);
    const error = await rejectionOf(
      storage.transaction({ tenantId: 't1' }, (tx) => tx.products.insert(product)),
    );
    expect(isCrmError(error) && error.code).toBe('STORAGE');
    // The transaction failed before this thread's timer could run: it blocked the thread throughout.
    expect(timerRan).toBe(false);
    release();
    await storage.close();
  });
});
