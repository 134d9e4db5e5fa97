/** The list lengths an `in (…)` of a hot read is written for; the last is the reads' chunk size. */
const SIZES = [8, 16, 32, 64, 128, 256, 500] as const;

/**
 * `values` for an `in (…)`, lengthened to the next of a few fixed lengths by repeating the last
 * value (a repeated value matches nothing more). A read by a list of ids or keys otherwise has a
 * statement text of its own for every list length: on SQLite each was prepared afresh and evicted
 * the statements commands reuse, and each was built and compiled by Kysely again; the duplicate
 * check reads a few hundred documents and block keys per call by such lists.
 * `values` must hold at least one value and at most the last length.
 */
export function paddedInList<T>(values: readonly T[]): T[] {
  const size = SIZES.find((s) => s >= values.length);
  if (values.length === 0 || size === undefined)
    throw new RangeError(`an in-list of ${values.length} values (1 to ${SIZES.at(-1)} are written for)`);
  const padded = [...values];
  const last = values[values.length - 1] as T;
  while (padded.length < size) padded.push(last);
  return padded;
}
