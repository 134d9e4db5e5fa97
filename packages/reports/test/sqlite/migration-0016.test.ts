import { describe, expect, it } from 'vitest';
import { checkDealForDuplicates } from '../../src/index.js';
import { storyOnSqlite } from './story-on-sqlite.js';

describe('migration 0016 (SKU + exact quantity blocking keys)', () => {
  it('re-keys deals keyed before it, so their stored keys gain the quantity split', async () => {
    const { database, storage, w, printers } = await storyOnSqlite();
    const { crm, org } = w;
    const quantityKeys = () =>
      (
        database.prepare(`select count(*) as n from dedupe_keys where key like 'rq:%'`).get() as {
          n: number;
        }
      ).n;
    await checkDealForDuplicates(crm, org.manager, printers.id);
    expect(quantityKeys()).toBeGreaterThan(0);
    // The keys as the detector stored them before 0016: no quantity keys.
    database.exec(`delete from dedupe_keys where key like 'rq:%';
      delete from dedupe_blocks where key like 'rq:%';
      delete from kysely_migration where name = '0016_dedupe_quantity_keys'`);
    await checkDealForDuplicates(crm, org.manager, printers.id);
    expect(quantityKeys()).toBe(0);
    await storage.migrateToLatest();
    await checkDealForDuplicates(crm, org.manager, printers.id);
    expect(quantityKeys()).toBeGreaterThan(0);
    await storage.close();
  });
});
