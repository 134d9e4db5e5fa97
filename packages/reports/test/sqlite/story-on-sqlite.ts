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

/** Stored keys matching `where` (SQL on `key`). */
export function storedKeyCount(database: Database.Database, where: string): number {
  return (database.prepare(`select count(*) as n from dedupe_keys where ${where}`).get() as { n: number }).n;
}

/**
 * The stored keys as a release before `migration` left them: the keys matching `where` (SQL on
 * `key`) gone from keys and blocks, and the migration not yet applied.
 */
export function keysBefore(database: Database.Database, where: string, migration: string): void {
  database.exec(`delete from dedupe_keys where ${where};
    delete from dedupe_blocks where ${where};
    delete from kysely_migration where name = '${migration}'`);
}
