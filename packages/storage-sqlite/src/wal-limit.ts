import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';

/** Default size past which a write asks for the WAL file to be emptied (`walLimitMiB`). */
export const DEFAULT_WAL_LIMIT_MIB = 64;

/**
 * Commits between two looks at the WAL file's size. A look is one `stat` (~2 µs) against a
 * command's ~200 µs; every 8th keeps it off the hot path, and the file can pass the limit by at
 * most seven transactions' frames before it is seen.
 */
const LOOK_EVERY = 8;

interface CheckpointRow {
  busy: number;
  log: number;
  checkpointed: number;
}

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
 * So after a write transaction this connection looks at the file's size now and then; past the
 * limit it has the log restarted, in steps none of which waits for anyone:
 * 1. a PASSIVE checkpoint copies the log's frames back without taking the write lock, so other
 *    processes' commands go on writing meanwhile;
 * 2. only once every frame is copied, a RESTART checkpoint, which then has nothing left to copy
 *    and holds the write lock for a moment (0.1 ms) so that the next write starts the log from the
 *    beginning — or, with another connection still reading the log, answers busy at once (no busy
 *    wait) and a later write tries again;
 * 3. `journal_size_limit` (set here to the limit) has the write that restarts the log cut the file
 *    back to the limit, so only the few frames past it are freed.
 * Not a TRUNCATE checkpoint: it frees the whole file holding the write lock — 43–62 ms for 126 MB
 * measured here — and commands beside a bulk import waited p99 71–87 ms instead of 32 ms. The
 * file stays at most about the limit on disk, which is what the limit promises.
 * Returns undefined for an in-memory database (no file).
 */
export function walLimiter(database: Database.Database, limitMiB: number): (() => void) | undefined {
  if (database.memory) return undefined;
  const wal = `${database.name}-wal`;
  const limit = Math.round(limitMiB * 2 ** 20);
  database.pragma(`journal_size_limit = ${limit}`);
  let commits = 0;
  return () => {
    if (++commits % LOOK_EVERY !== 0) return;
    const size = statSync(wal, { throwIfNoEntry: false })?.size ?? 0;
    if (size <= limit) return;
    const waits = database.pragma('busy_timeout', { simple: true }) as number;
    try {
      // Never block the command that just committed on another process's reader or writer.
      if (waits !== 0) database.pragma('busy_timeout = 0');
      const [copied] = database.pragma('wal_checkpoint(PASSIVE)') as CheckpointRow[];
      if (copied !== undefined && copied.busy === 0 && copied.checkpointed === copied.log)
        database.pragma('wal_checkpoint(RESTART)');
    } catch {
      // The write it follows is committed; a checkpoint that fails (I/O, busy) is tried again by
      // a later write, and SQLite's own checkpoints go on meanwhile.
    } finally {
      if (waits !== 0) database.pragma(`busy_timeout = ${waits}`);
    }
  };
}
