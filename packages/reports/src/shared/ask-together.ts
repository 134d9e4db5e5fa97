/**
 * Reads of one transaction asked for together (on PostgreSQL they share a round trip), like
 * `Promise.all`, but a failure is thrown only once every read has settled. With `Promise.all` the
 * first failure would end the transaction while another chain of reads is still between two
 * steps; its next read would then be refused (a store call after the end fails) or, from inside a
 * store method, sent on a connection that may already serve someone else. Waiting costs little: on
 * PostgreSQL a failure aborts the transaction, so the other reads fail at once with it; on SQLite
 * they finish their step inside the transaction.
 */
export async function askTogether<T extends readonly unknown[] | []>(
  reads: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled: readonly PromiseSettledResult<unknown>[] = await Promise.allSettled(
    reads as readonly unknown[],
  );
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}
