import { fdatasyncSync, openSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';

/** Default size past which a write asks for the log to be copied back and restarted (`walLimitMiB`). */
export const DEFAULT_WAL_LIMIT_MIB = 16;

/**
 * A descriptor of each database file this process syncs itself, kept open until the process ends:
 * closing any descriptor of a file drops every POSIX lock this process holds on it, SQLite's
 * connections' included (sqlite.org/howtocorrupt.html, 2.2). One per file.
 */
const syncDescriptors = new Map<string, number>();

/** The database file's written pages on disk (fdatasync), or nothing where that fails. */
function syncFile(file: string): void {
  try {
    let fd = syncDescriptors.get(file);
    if (fd === undefined) {
      fd = openSync(file, 'r');
      syncDescriptors.set(file, fd);
    }
    fdatasyncSync(fd);
  } catch {
    // The RESTART after it syncs the file anyway, holding the write lock meanwhile.
  }
}

/**
 * How long the RESTART waits for the write lock (a command in flight) and then, holding it, for
 * readers of the log to finish (SQLite's busy handler: 1, 2, 5 ms, then the rest).
 */
const RESTART_WAIT_MS = 10;

/** `PRAGMA wal_checkpoint`'s row: busy 1 when another connection was copying. */
interface Checkpointed {
  busy: number;
  log: number;
  checkpointed: number;
}

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
 * own writes have grown the file by half the limit and it is past the limit, after the write, when
 * nothing runs on the connection (at the latest before its next write begins), it copies the log
 * back with a PASSIVE checkpoint (no lock another writer waits for), fsyncs the database file
 * itself, copies what other connections committed meanwhile with a second PASSIVE, and only then
 * takes the write lock, in a RESTART checkpoint, for the few frames left: once it returns, the
 * next write of any connection starts the log from the file's beginning, and SQLite cuts the file
 * back to the limit at that write (`journal_size_limit`). A connection that finds the file past
 * twice the limit though others wrote it only copies (PASSIVE): the writer restarts it.
 *
 * Why so (bench/RESULTS.md, issue 15, h-walrs: the probe's commands timed by phase beside a 100k
 * key build, load 3–10). The TRUNCATE this did before held the write lock 90 ms at p50 (190 at
 * p99), and 67 of the 73 slowest commands (p99 119 ms) were waiting for one. Its cost was not the
 * freeing of the file: a PASSIVE copy fsyncs the database file only when no other connection
 * committed during it — beside commands every 10 ms, almost never — so the whole copy's fsync was
 * left to the next checkpoint that took the lock. Synced here between the copies (the one
 * descriptor kept open, see `syncDescriptors`), the RESTART holds the lock only for what came
 * since (RESTART p50 3.8 ms, p99 18): commands beside the first 2.5 min of the build waited p99
 * 31–33 ms against 103–119 ms (alternated runs, load 3–10), the file stayed under 94 MiB. Beside
 * a 100k import the file grew past 1 GiB (commands p99 82–108 ms): the copies never restarted the
 * log. So past four times the limit, either side empties the file outright, as before (TRUNCATE,
 * never waiting): import commands p99 25–27 ms, the file at most ~350 MiB; key build p99 25 ms
 * (quiet, one run each). Traced later, the import's own transactions had never reached this
 * limiter (they ran on the Kysely instance, not the transactor: `OneConnectionSqliteDialect` now
 * tells it too), so the commands' process copied the import's log, 5,772 PASSIVE copies (p50 31
 * ms) and 439 TRUNCATEs (p50 127 ms) on its event loop in a 1M import. With the importer copying
 * its own log, 100k: commands p99 26 ms, the file at most 45 MiB instead of 563, the commands'
 * process late by p99 54 ms instead of 514 (bench/RESULTS.md, issue 15).
 * Next: the log's length from the `-shm` header (a descriptor kept as for the sync) instead of the
 * file's size, so that the file need not be cut back on every restart.
 *
 * Why not SQLite's own (h-keyw): it checkpoints inside the COMMIT of any write that finds more
 * than 1,000 pages in the log — every page of a key build (each deal dirties some 75 pages of the
 * keys' indexes), so each page paid a copy and its fsyncs (5 of the 7 ms a deal took at 100k
 * deals), its pages, sized by that time, shrank to 3–4 deals, and a command committing just after
 * a bulk page could pay the copy itself. Copied every 16 MiB instead, a page the log holds
 * several times is written back once and the fsyncs are fewer. The writer that grew the log
 * copies it: a process running small commands beside a bulk job leaves the copy to the job (it
 * ran some 100–250 ms in the commands' process, blocking its event loop).
 *
 * Returns undefined for an in-memory database (no file).
 */
export function walLimiter(database: Database.Database, limitMiB: number): WalLimiter | undefined {
  if (database.memory) return undefined;
  database.pragma('wal_autocheckpoint = 0');
  // At the log's restart SQLite cuts the file back to the limit (the first commit after it).
  database.pragma(`journal_size_limit = ${Math.round(limitMiB * 2 ** 20)}`);
  const wal = `${database.name}-wal`;
  const limit = limitMiB * 2 ** 20;
  const frameBytes = 24 + (database.pragma('page_size', { simple: true }) as number);
  let owed = false;
  /** The owed copy follows this connection's own writes: it also restarts the log (RESTART). */
  let ownGrowth = false;
  let scheduled = false;
  let before = 0;
  /** Bytes this connection's writes added to the file since its last checkpoint. */
  let grown = 0;
  /** The file's size when this connection last copied a log others grew (0: since cut back). */
  let othersCopiedAt = 0;
  const walSize = () => statSync(wal, { throwIfNoEntry: false })?.size ?? 0;
  /**
   * The log copied back without the write lock: PASSIVE copies the bulk of it, the database file
   * is synced from here (the copy skips that fsync whenever another connection committed during
   * it, which beside commands is nearly always, and the RESTART would then do it holding the
   * lock), and a second PASSIVE copies what was committed meanwhile, synced the same way. Whether the log may be
   * restarted now: false when another connection was copying (it does the rest) or wrote more
   * than an eighth of the limit meanwhile (a bulk job elsewhere: a RESTART would copy and fsync
   * its newest frames holding the lock, and it restarts the log itself).
   */
  const copied = () => {
    const [done] = database.pragma('wal_checkpoint(PASSIVE)') as Checkpointed[];
    if (done === undefined || done.busy !== 0) return false;
    syncFile(database.name);
    const [again] = database.pragma('wal_checkpoint(PASSIVE)') as Checkpointed[];
    // Its pages too (overtaken as well, it left them unsynced): the RESTART's fsyncs are then
    // only of what was committed since it began.
    syncFile(database.name);
    return again !== undefined && again.busy === 0 && (again.log - done.log) * frameBytes < limit / 8;
  };
  /**
   * The file emptied outright, without waiting for any reader or writer (it answers busy instead):
   * for a log past four times the limit that the RESTARTs did not restart — another connection
   * writes during every copy while a reader holds the log's start (wal-limit.test.ts: 29 MiB
   * against a 1 MiB limit without this). Whether it was.
   */
  const emptied = () => {
    database.pragma('busy_timeout = 0');
    const [done] = database.pragma('wal_checkpoint(TRUNCATE)') as Checkpointed[];
    return done !== undefined && done.busy === 0;
  };
  /**
   * Runs a checkpoint's steps with the connection's busy timeout given back afterwards, whatever
   * they set it to. A step that fails (I/O, busy) is tried again after a later write: the write it
   * follows is committed either way.
   */
  const restoringBusyTimeout = (steps: () => void) => {
    const waits = database.pragma('busy_timeout', { simple: true }) as number;
    try {
      steps();
    } catch {
      // Tried again after a later write.
    } finally {
      database.pragma(`busy_timeout = ${waits}`);
    }
  };
  /**
   * Grown by another connection's writes (a bulk job elsewhere, still writing): only a PASSIVE
   * copy here. A RESTART would copy its newest frames and fsync them holding the write lock (75 ms
   * at p50 in the commands' process beside a 100k import); the writer restarts it.
   */
  const copyOthers = () => {
    database.pragma('wal_checkpoint(PASSIVE)');
    if (walSize() > 4 * limit) emptied();
  };
  const copyOwn = () => {
    // Another connection copying (a command's process past twice the limit): this one's own
    // growth stays counted, and its next write tries again.
    if (!copied()) {
      // Never restarted while commands beside it write during every copy (each copy's fsync
      // outlasts several commands): past four times the limit the file is emptied outright,
      // without waiting for a reader, as before (its copy already synced, the lock is held for
      // the few frames left and the freeing). Answered busy, the growth stays counted.
      if (walSize() > 4 * limit && emptied()) grown = 0;
      return;
    }
    grown = 0;
    // Under the write lock: what was committed since the last copy (a few frames, their fsyncs),
    // then the log restarts at the next write. A command in flight is waited for briefly.
    database.pragma(`busy_timeout = ${RESTART_WAIT_MS}`);
    database.pragma('wal_checkpoint(RESTART)');
  };
  const checkpoint = () => {
    // Closed meanwhile, or inside a transaction: `settle` runs it before the next write.
    if (!owed || !database.open || database.inTransaction) return;
    owed = false;
    if (ownGrowth) {
      restoringBusyTimeout(copyOwn);
      return;
    }
    restoringBusyTimeout(copyOthers);
    othersCopiedAt = walSize();
  };
  return {
    settle: checkpoint,
    began() {
      before = walSize();
    },
    wrote() {
      const size = walSize();
      grown += Math.max(0, size - before);
      if (size < othersCopiedAt) othersCopiedAt = 0;
      ownGrowth = size > limit && grown >= limit / 2;
      // Past twice the limit, grown by others: a copy for each further half limit (a command's
      // process beside a bulk job elsewhere copied after every command, 1,549 times in a 100k
      // import, and kept the job's own copies busy).
      if (!ownGrowth && (size <= 2 * limit || size < othersCopiedAt + limit / 2)) return;
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
