import { describe, expect, it } from 'vitest';
import { checkDealForDuplicates } from '../../src/index.js';
import { deal } from '../duplicates/story-world.js';
import { storyOnSqlite } from './story-on-sqlite.js';

describe('migration 0086 (end-customer blocking keys)', () => {
  it('re-keys deals keyed before it, so two bids for one tender meet on an upgraded database', async () => {
    const { database, storage, w, printers } = await storyOnSqlite();
    const { crm, org } = w;
    const imagers = await deal(
      crm,
      org.repB,
      w.ruida,
      '瑞达 扫描项目',
      [{ sku: 'DS4308', quantity: 60 }],
      '2026-09-20',
      '32',
    );
    await crm.opportunities.linkEndCustomer(org.repA, printers.id, {
      name: '日照港集团',
      tender: { number: 'RZ-2026-07' },
    });
    await crm.opportunities.linkEndCustomer(org.repB, imagers.id, {
      name: '日照港口集团',
      tender: { number: 'RZ-2026-07' },
    });
    const partners = async () =>
      (await checkDealForDuplicates(crm, org.manager, printers.id, { minScore: -1000, limit: 100 })).flatMap(
        (p) => [p.a.id, p.b.id],
      );
    expect(await partners()).toContain(imagers.id);
    // The keys as the detector stored them before 0086: no end-customer account or tender keys, and
    // no block stamp (0131), so this process's block cache does not answer from the keys it read.
    database.exec(`delete from dedupe_keys where key like 'ea:%' or key like 'et:%';
      delete from dedupe_blocks where key like 'ea:%' or key like 'et:%';
      delete from dedupe_stamps;
      delete from kysely_migration where name = '0086_dedupe_end_customer_keys'`);
    expect(await partners()).not.toContain(imagers.id);
    await storage.migrateToLatest();
    expect(await partners()).toContain(imagers.id);
    await storage.close();
  });
});
