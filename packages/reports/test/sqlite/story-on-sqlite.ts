import { openWorld } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import Database from 'better-sqlite3';
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
