import { describe, expect, it } from 'vitest';
import { checkDealForDuplicates } from '../../src/index.js';
import { storyOnSqlite } from './story-on-sqlite.js';

describe('migration 0100 (each customer’s count of each basket as statistic keys)', () => {
  it('re-keys deals keyed before it, so the stored check reads a customer’s own kit count', async () => {
    const { database, storage, w, printers } = await storyOnSqlite();
    const { crm, org } = w;
    const customerBasketKeys = () =>
      (
        database
          .prepare(`select count(*) as n from dedupe_keys where key like '#as%' or key like '#ab:%'`)
          .get() as { n: number }
      ).n;
    await checkDealForDuplicates(crm, org.manager, printers.id);
    expect(customerBasketKeys()).toBeGreaterThan(0);
    // The keys as the detector stored them before 0100: no customer basket counts.
    database.exec(`delete from dedupe_keys where key like '#as%' or key like '#ab:%';
      delete from dedupe_blocks where key like '#as%' or key like '#ab:%';
      delete from kysely_migration where name = '0100_dedupe_customer_basket_keys'`);
    await checkDealForDuplicates(crm, org.manager, printers.id);
    expect(customerBasketKeys()).toBe(0);
    await storage.migrateToLatest();
    await checkDealForDuplicates(crm, org.manager, printers.id);
    expect(customerBasketKeys()).toBeGreaterThan(0);
    await storage.close();
  });
});
