import { describe, expect, it } from 'vitest';
import { checkDealForDuplicates } from '../../src/index.js';
import { keysBefore, storedKeyCount, storyOnSqlite } from './story-on-sqlite.js';

const QUANTITY_KEYS = `key like 'rq:%'`;

describe('migration 0016 (SKU + exact quantity blocking keys)', () => {
  it('re-keys deals keyed before it, so their stored keys gain the quantity split', async () => {
    const { database, storage, w, printers } = await storyOnSqlite();
    const { crm, org } = w;
    const check = () => checkDealForDuplicates(crm, org.manager, printers.id);
    await check();
    expect(storedKeyCount(database, QUANTITY_KEYS)).toBeGreaterThan(0);
    // The keys as the detector stored them before 0016: no quantity keys.
    keysBefore(database, QUANTITY_KEYS, '0016_dedupe_quantity_keys');
    await check();
    expect(storedKeyCount(database, QUANTITY_KEYS)).toBe(0);
    await storage.migrateToLatest();
    await check();
    expect(storedKeyCount(database, QUANTITY_KEYS)).toBeGreaterThan(0);
    await storage.close();
  });
});
