/**
 * The records a read labelled last time, by the read (its actor, view and date): a calendar asks
 * for them again while its own statement runs, so on PostgreSQL their reads share its round trip
 * instead of waiting for it (a team week: three round trips awaited → two). A hint only: what the
 * read finds is labelled either way, a record it no longer lists was read for nothing, and nothing
 * here is an answer (the labels are read and authorized in the call's own transaction).
 */
export class RecentSubjects<T> {
  private recent = new Map<string, readonly T[]>();
  private older = new Map<string, readonly T[]>();

  constructor(private readonly capacity = RECENT_SUBJECTS_KEPT) {}

  /** The subjects `read` labelled last time, if remembered. */
  of(read: string): readonly T[] | undefined {
    const known = this.recent.get(read);
    if (known !== undefined) return known;
    const old = this.older.get(read);
    if (old !== undefined) this.keep(read, old);
    return old;
  }

  /**
   * Remembers what `read` labelled (its first `SUBJECTS_KEPT_PER_READ`: a month of 500 a day would
   * otherwise keep thousands per read); what was not used for a whole generation goes.
   */
  keep(read: string, subjects: readonly T[]): void {
    if (this.recent.size >= Math.ceil(this.capacity / 2)) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(
      read,
      subjects.length > SUBJECTS_KEPT_PER_READ ? subjects.slice(0, SUBJECTS_KEPT_PER_READ) : subjects,
    );
  }
}

/** A few hundred people's weeks and months. */
const RECENT_SUBJECTS_KEPT = 512;
/** A team's screenful is ~150 records; past this a read's labels are asked for after its days. */
export const SUBJECTS_KEPT_PER_READ = 1000;
