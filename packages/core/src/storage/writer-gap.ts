/**
 * SQLite has one write lock per file. A bulk job (a tenant import, a dedupe key build) writes in
 * short transactions and, after each, leaves the lock free for a while, so a command of another
 * process that is waiting gets it: Gongfu's SQLite connections retry a busy statement every
 * millisecond (`sqliteStorage({ busyStepMs })`), so a few ms are enough on a quiet machine; a
 * longer transaction leaves a longer gap (a quarter of its time), so a waiter whose process was off
 * the CPU for part of it still finds one, and the job keeps at least four fifths of the lock time
 * it would have back to back. Measured in bench/RESULTS.md ("Bulk work").
 */
export function sqliteWriterGapMs(transactionMs: number): number {
  return Math.min(MAX_WRITER_GAP_MS, Math.max(MIN_WRITER_GAP_MS, transactionMs / 4));
}

/** The shortest gap: a waiter retrying every ms, woken late by a timer, still finds it. */
export const MIN_WRITER_GAP_MS = 2;

/** The longest gap: the fixed gap the key build left before (SQLite's own busy handler's middle step). */
export const MAX_WRITER_GAP_MS = 25;

/**
 * The write-lock time a bulk job's transaction aims at on SQLite. A fixed number of rows per
 * transaction held the lock longer as the tenant grew (its indexes deepen: 128 rows of an import
 * held it p50 ~10 ms into an empty file and ~39 ms at a million deals, bench/RESULTS.md), so the
 * job sizes its next transaction by how long the last one held the lock.
 */
export const BULK_HOLD_MS = 15;
/** The fewest rows a sized transaction takes: below it, BEGIN and COMMIT dominate. */
export const BULK_ROWS_MIN = 16;
/** The most rows a sized transaction takes, however fast the last one was. */
export const BULK_ROWS_MAX = 1024;

/**
 * The rows of a bulk job's next SQLite transaction, after one of `rows` rows held the write lock
 * `heldMs`: scaled towards `BULK_HOLD_MS`, by at most half or double a step, so one slow
 * transaction (a checkpoint, the process descheduled inside it) does not swing the size; within
 * `bounds` (rows of an import by default; a job writing more per row gives its own).
 */
export function nextBulkRows(
  rows: number,
  heldMs: number,
  bounds: { min: number; max: number } = { min: BULK_ROWS_MIN, max: BULK_ROWS_MAX },
): number {
  const factor = Math.min(2, Math.max(0.5, BULK_HOLD_MS / Math.max(heldMs, 0.01)));
  return Math.min(bounds.max, Math.max(bounds.min, Math.round(rows * factor)));
}
