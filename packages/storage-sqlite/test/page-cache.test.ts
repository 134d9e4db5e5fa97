import { isCrmError } from '@gongfu/core';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_SIZE_MIB, MAX_CACHE_SIZE_MIB, sqliteStorage } from '../src/index.js';
import { rejectionOf } from './support/open-storage.js';

/** The page cache is SQLite's `cache_size`, in KiB when negative. */
const cacheKiB = (database: Database.Database) => -Number(database.pragma('cache_size', { simple: true }));

describe('page cache (cacheSizeMiB)', () => {
  it(`defaults to ${DEFAULT_CACHE_SIZE_MIB} MiB, not SQLite's 2 MiB`, async () => {
    const database = new Database(':memory:');
    const storage = await sqliteStorage({ database });
    expect(cacheKiB(database)).toBe(DEFAULT_CACHE_SIZE_MIB * 1024);
    await storage.close();
  });

  it('takes the size asked for, fractions of a MiB included', async () => {
    for (const mib of [1024, 8, 0.5]) {
      const database = new Database(':memory:');
      const storage = await sqliteStorage({ database, cacheSizeMiB: mib });
      expect(cacheKiB(database)).toBe(Math.round(mib * 1024));
      await storage.close();
    }
  });

  it('refuses a size that is not a positive number', async () => {
    for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = await rejectionOf(sqliteStorage({ filename: ':memory:', cacheSizeMiB: bad }));
      expect(isCrmError(error, 'VALIDATION'), String(error)).toBe(true);
    }
  });

  it('refuses a size SQLite cannot hold instead of silently keeping almost none', async () => {
    // cache_size is a 32-bit count of KiB: 1e9 MiB used to wrap to 0 (the smallest cache there is).
    for (const bad of [MAX_CACHE_SIZE_MIB + 1, 1e9]) {
      const error = await rejectionOf(sqliteStorage({ filename: ':memory:', cacheSizeMiB: bad }));
      expect(isCrmError(error, 'VALIDATION'), String(error)).toBe(true);
      if (isCrmError(error, 'VALIDATION')) {
        expect(error.field).toBe('cacheSizeMiB');
        expect(error.issues[0]?.detail?.key).toBe('input.tooBig');
      }
    }
    const database = new Database(':memory:');
    const storage = await sqliteStorage({ database, cacheSizeMiB: MAX_CACHE_SIZE_MIB });
    expect(cacheKiB(database)).toBe(MAX_CACHE_SIZE_MIB * 1024);
    await storage.close();
  });
});
