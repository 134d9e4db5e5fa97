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
