import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';

/** Default size past which a write asks for the WAL file to be emptied (`walLimitMiB`). */
export const DEFAULT_WAL_LIMIT_MIB = 16;

export interface WalLimiter {
  /** Before a write transaction begins: the checkpoint still owed if the event loop never idled. */
  settle(): void;
  /** The write lock taken: the file's size noted (only this transaction grows it now). */
  began(): void;
  /** After each committed write transaction: a checkpoint once nothing runs on the connection. */
  wrote(): void;
}

/**
 * Keeps the WAL file from growing without end while other processes use the database, and does
 * the connection's checkpoints between its transactions, never inside one.
 *
 * SQLite starts its log from the beginning again only when a checkpoint has copied every frame
 * back and, as the next write begins, no connection of any process is reading the log. With a
 * second process reading and writing all the time (another app server; the probe beside a bulk
 * job in bench/bulk-work.bench.ts) that moment rarely comes by itself: the file grew by about
 * 100 MB/s during a key build, to 10 GB at 100k deals and 32 GB at a million (bench/RESULTS.md),
 * and a file that has grown keeps its size even once the log restarts.
 *
 * So SQLite's own checkpoints are off for this connection (`wal_autocheckpoint = 0`). Once its
 * own writes have grown the file by half the limit and it is past the limit (or, whoever wrote
 * it, past twice the limit), after the write, when nothing runs on the connection (at the latest
 * before its next write begins), it copies the log back with a PASSIVE checkpoint, which takes no
 * lock another writer waits for; the log then restarts from its beginning and the file stops
 * growing. Past twice the limit it also asks for a TRUNCATE checkpoint, which empties the file if
 * no reader holds the log at that moment. It never waits: with a reader present SQLite answers
 * busy at once and a later write tries again.
 *
 * Why not SQLite's own (bench/RESULTS.md, issue 15 "key build", h-keyw): it checkpoints inside the
 * COMMIT of any write that finds more than 1,000 pages in the log — every page of a key build
 * (each deal dirties some 75 pages of the keys' indexes), so each page paid a copy and its fsyncs
 * (5 of the 7 ms a deal took at 100k deals), its pages, sized by that time, shrank to 3–4 deals,
 * and a command committing just after a bulk page could pay the copy itself. Copied every 16 MiB
 * instead, a page the log holds several times is written back once and the fsyncs are fewer. And a
 * TRUNCATE checkpoint copying the whole log did it under the write lock: 64 MiB held every other
 * writer for ~430 ms (a TRUNCATE after each PASSIVE still held it for its fsyncs: command waits
 * p99 117 ms beside a 100k key build, against 64 ms). The writer that grew the log copies it: a process running small commands
 * beside a bulk job leaves the copy to the job (it ran some 100–250 ms in the commands' process,
 * and could land inside a command waiting for the write lock).
 *
 * Returns undefined for an in-memory database (no file).
 */
export function walLimiter(database: Database.Database, limitMiB: number): WalLimiter | undefined {
  if (database.memory) return undefined;
  database.pragma('wal_autocheckpoint = 0');
  const wal = `${database.name}-wal`;
  const limit = limitMiB * 2 ** 20;
  let owed = false;
  let scheduled = false;
  let before = 0;
  /** Bytes this connection's writes added to the file since its last checkpoint. */
  let grown = 0;
  const walSize = () => statSync(wal, { throwIfNoEntry: false })?.size ?? 0;
  const checkpoint = () => {
    // Closed meanwhile, or inside a transaction: `settle` runs it before the next write.
    if (!owed || !database.open || database.inTransaction) return;
    owed = false;
    grown = 0;
    const waits = database.pragma('busy_timeout', { simple: true }) as number;
    try {
      database.pragma('wal_checkpoint(PASSIVE)');
      // Copied back, the log restarts from its beginning at the next write (no reader holding
      // it): the file stops growing. Emptied only past twice the limit, as TRUNCATE holds the
      // write lock for its fsyncs (every 16 MiB it cost the commands beside a key build).
      if (walSize() <= 2 * limit) return;
      // Never block on another process's reader.
      if (waits !== 0) database.pragma('busy_timeout = 0');
      database.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // The write it follows is committed; a checkpoint that fails (I/O, busy) is tried again
      // after a later write.
    } finally {
      if (waits !== 0) database.pragma(`busy_timeout = ${waits}`);
    }
  };
  return {
    settle: checkpoint,
    began() {
      before = walSize();
    },
    wrote() {
      const size = walSize();
      grown += Math.max(0, size - before);
      if (size <= limit || (grown < limit / 2 && size <= 2 * limit)) return;
      owed = true;
      if (scheduled) return;
      scheduled = true;
      // After the transaction's caller has its answer: the copy is not part of the transaction.
      setImmediate(() => {
        scheduled = false;
        checkpoint();
      });
    },
  };
}
