import { openWorld } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { checkDealForDuplicates } from '../../src/index.js';
import { deal, seedStory } from '../duplicates/story-world.js';

/**
 * The story world on an in-memory SQLite database the test can reach into (to put stored keys
 * back as an older release left them), with rep A's printer deal.
 */
export interface StoryOnSqlite {
  database: Database.Database;
  storage: Awaited<ReturnType<typeof sqliteStorage>>;
  w: Awaited<ReturnType<typeof seedStory>>;
  printers: Awaited<ReturnType<typeof deal>>;
}

export async function storyOnSqlite(): Promise<StoryOnSqlite> {
  const database = new Database(':memory:');
  const storage = await sqliteStorage({ database });
  const w = await seedStory(await openWorld(storage));
  const printers = await deal(
    w.crm,
    w.org.repA,
    w.hengtong,
    '恒通 打印改造',
    [{ sku: 'ZT410', quantity: 30 }],
    '2026-06-01',
  );
  return { database, storage, w, printers };
}

/**
 * The keys matching `where` (SQL on `key`) are stored for rep A's printer deal; removed as a release
 * before `migration` left them, the next check does not bring them back (its deal's version did not
 * move); after `migrateToLatest` it does: the migration re-keys every deal.
 */
export async function expectReKeyedBy(where: string, migration: string): Promise<void> {
  const { database, storage, w, printers } = await storyOnSqlite();
  const check = () => checkDealForDuplicates(w.crm, w.org.manager, printers.id);
  const stored = () =>
    (database.prepare(`select count(*) as n from dedupe_keys where ${where}`).get() as { n: number }).n;
  await check();
  expect(stored()).toBeGreaterThan(0);
  database.exec(`delete from dedupe_keys where ${where};
    delete from dedupe_blocks where ${where};
    delete from kysely_migration where name = '${migration}'`);
  await check();
  expect(stored()).toBe(0);
  await storage.migrateToLatest();
  await check();
  expect(stored()).toBeGreaterThan(0);
  await storage.close();
}
