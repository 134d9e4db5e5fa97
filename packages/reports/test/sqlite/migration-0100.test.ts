import { describe, expect, it } from 'vitest';
import { checkDealForDuplicates } from '../../src/index.js';
import { keysBefore, storedKeyCount, storyOnSqlite } from './story-on-sqlite.js';

const CUSTOMER_BASKET_KEYS = `key like '#as%' or key like '#ab:%'`;

describe('migration 0100 (each customer’s count of each basket as statistic keys)', () => {
  it('re-keys deals keyed before it, so the stored check reads a customer’s own kit count', async () => {
    const { database, storage, w, printers } = await storyOnSqlite();
    const { crm, org } = w;
    const check = () => checkDealForDuplicates(crm, org.manager, printers.id);
    await check();
    expect(storedKeyCount(database, CUSTOMER_BASKET_KEYS)).toBeGreaterThan(0);
    keysBefore(database, CUSTOMER_BASKET_KEYS, '0100_dedupe_customer_basket_keys');
    await check();
    expect(storedKeyCount(database, CUSTOMER_BASKET_KEYS)).toBe(0);
    await storage.migrateToLatest();
    await check();
    expect(storedKeyCount(database, CUSTOMER_BASKET_KEYS)).toBeGreaterThan(0);
    await storage.close();
  });
});
