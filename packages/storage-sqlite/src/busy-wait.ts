/**
 * Waiting for SQLite's write lock in short, even steps instead of SQLite's own busy handler.
 *
 * SQLite's handler (`busy_timeout`) retries a blocked statement after 1, 2, 5, 10, 15, 20, 25, 25,
 * 25, 50, 50, 100 ms: a command that finds the lock taken by another process's bulk job looks again
 * only every 25–100 ms after the first few, so it misses the short gaps between the job's
 * transactions and waits for several of them (measured: p99 60–84 ms, max 88–108 ms beside an
 * import whose transactions held the lock ≤ 29 ms; bench/RESULTS.md "Bulk work"). Every connection
 * of this storage therefore sets `busy_timeout = 0` and retries a statement SQLite answered with
 * SQLITE_BUSY itself, every `stepMs` until the storage's busy timeout: a waiting command takes the
 * lock within a step of the holder's commit, whatever the holder's transaction length.
 *
 * Retrying is what SQLite's handler does: a statement that got SQLITE_BUSY changed nothing (see
 * `isBusy` for which codes are retried).
 */

/** Retry a busy statement every this many ms (default of `sqliteStorage({ busyStepMs })`). */
export const DEFAULT_BUSY_STEP_MS = 1;

/**
 * The codes a wait may cure. SQLITE_BUSY_SNAPSHOT only outside a transaction: a BEGIN IMMEDIATE
 * whose snapshot another process's commit overtook (SQLite's handler retries that too); inside a
 * read transaction no wait can help.
 */
export function isBusy(error: unknown, inTransaction = false): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'SQLITE_BUSY' ||
    code === 'SQLITE_BUSY_RECOVERY' ||
    (code === 'SQLITE_BUSY_SNAPSHOT' && !inTransaction)
  );
}

/** How long a connection waits for a lock, and in which steps. */
export interface BusyWait {
  timeoutMs: number;
  stepMs: number;
  /** Whether the connection is inside a transaction (after the failed try). */
  inTransaction: () => boolean;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** The ms to wait before the next try of a statement that failed with `error`; rethrows what a wait cannot cure. */
function nextPause(wait: BusyWait, error: unknown, deadline: { at: number }): number {
  if (!isBusy(error, wait.inTransaction())) throw error;
  const now = performance.now();
  if (Number.isNaN(deadline.at)) deadline.at = now + wait.timeoutMs;
  if (now >= deadline.at) throw error;
  return Math.min(wait.stepMs, deadline.at - now);
}

/**
 * Runs `fn`, retrying it while SQLite answers SQLITE_BUSY, blocking the thread between tries as
 * SQLite's own handler does (for statements run synchronously inside a transaction or on their own).
 */
export function retryBusySync<T>(wait: BusyWait, fn: () => T): T {
  const deadline = { at: Number.NaN };
  for (;;) {
    try {
      return fn();
    } catch (error) {
      Atomics.wait(sleeper, 0, 0, nextPause(wait, error, deadline));
    }
  }
}

/**
 * As `retryBusySync`, but leaves the event loop free between tries: a transaction's BEGIN IMMEDIATE
 * waiting for another process's bulk job does not stall this process's other work.
 */
export async function retryBusy<T>(wait: BusyWait, fn: () => T): Promise<T> {
  const deadline = { at: Number.NaN };
  for (;;) {
    try {
      return fn();
    } catch (error) {
      const ms = nextPause(wait, error, deadline);
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
  }
}
