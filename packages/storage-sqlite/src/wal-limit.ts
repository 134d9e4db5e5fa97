import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';

/** Default size past which a write asks for the WAL file to be emptied (`walLimitMiB`). */
export const DEFAULT_WAL_LIMIT_MIB = 64;

/**
 * Keeps the WAL file from growing without end while other processes use the database.
 *
 * SQLite starts its log from the beginning again only when a checkpoint has copied every frame
 * back and, as the next write begins, no connection of any process is reading the log. With a
 * second process reading and writing all the time (another app server; the probe beside a bulk
 * job in bench/bulk-work.bench.ts) that moment rarely comes by itself: the file grew by about
 * 100 MB/s during a key build, to 10 GB at 100k deals and 32 GB at a million (bench/RESULTS.md),
 * and a file that has grown keeps its size even once the log restarts.
 *
 * So after each write transaction this connection looks at the file's size; past the limit it
 * asks once for a TRUNCATE checkpoint, which copies what is left and, if no reader holds the log
 * at that moment, empties the file. It never waits: with a reader present SQLite answers busy at
 * once and a later write tries again. Returns undefined for an in-memory database (no file).
 */
export function walLimiter(database: Database.Database, limitMiB: number): (() => void) | undefined {
  if (database.memory) return undefined;
  const wal = `${database.name}-wal`;
  const limit = limitMiB * 2 ** 20;
  return () => {
    const size = statSync(wal, { throwIfNoEntry: false })?.size ?? 0;
    if (size <= limit) return;
    const waits = database.pragma('busy_timeout', { simple: true }) as number;
    try {
      // Never block the command that just committed on another process's reader.
      if (waits !== 0) database.pragma('busy_timeout = 0');
      database.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // The write it follows is committed; a checkpoint that fails (I/O, busy) is tried again by
      // the next write, and SQLite's own checkpoints go on meanwhile.
    } finally {
      if (waits !== 0) database.pragma(`busy_timeout = ${waits}`);
    }
  };
}
