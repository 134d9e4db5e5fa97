/**
 * Where a SQLite command's time goes beside a bulk job (bulk-work.bench.ts `--trace`): the
 * connection's BEGIN IMMEDIATE tries (each busy answer), its COMMIT and its checkpoints, timed from
 * outside the storage by wrapping the better-sqlite3 handle it is given. Times are ms since the
 * epoch (sub-ms), comparable between the bench's processes.
 */
import type Database from 'better-sqlite3';

/** [what, start, end, detail]: begin, busy (a BEGIN IMMEDIATE answered busy), commit, checkpoint, command. */
export type TraceEvent = [kind: string, start: number, end: number, detail?: string];

const now = () => performance.timeOrigin + performance.now();

/** Records the handle's BEGIN IMMEDIATE, COMMIT and `wal_checkpoint` calls into `events`. */
export function traced(database: Database.Database, events: TraceEvent[]): Database.Database {
  const prepare = database.prepare.bind(database);
  database.prepare = ((sql: string) => {
    const statement = prepare(sql);
    const kind = sql === 'begin immediate' ? 'begin' : sql === 'commit' ? 'commit' : undefined;
    if (kind === undefined) return statement;
    const run = statement.run.bind(statement);
    statement.run = (...args: unknown[]) => {
      const start = now();
      try {
        const result = run(...args);
        events.push([kind, start, now()]);
        return result;
      } catch (error) {
        events.push([kind === 'begin' ? 'busy' : 'commit-failed', start, now()]);
        throw error;
      }
    };
    return statement;
  }) as typeof database.prepare;
  const pragma = database.pragma.bind(database);
  database.pragma = ((source: string, options?: Database.PragmaOptions) => {
    if (!source.startsWith('wal_checkpoint')) return pragma(source, options);
    const start = now();
    const mode = /\((\w+)\)/.exec(source)?.[1] ?? source;
    try {
      const result = pragma(source, options);
      events.push(['checkpoint', start, now(), `${mode} ${JSON.stringify(result)}`]);
      return result;
    } catch (error) {
      events.push(['checkpoint', start, now(), `${mode} ${(error as { code?: string }).code}`]);
      throw error;
    }
  }) as typeof database.pragma;
  return database;
}

/** One probe command's time by phase, ms. */
export interface Phases {
  total: number;
  /** Checkpoints this connection ran inside the command (`settle`). */
  ownCheckpoint: number;
  /** From the first BEGIN IMMEDIATE try to the one that took the lock. */
  lockWait: number;
  /** BEGIN IMMEDIATE answered busy this many times. */
  busyTries: number;
  /** The lock taken: from BEGIN's return to COMMIT's start (the command's statements). */
  statements: number;
  commit: number;
  /** The rest (before the first try, after the commit): JavaScript, the event loop. */
  other: number;
}

/** The events of one process in [from, to] of the given kinds, sorted by start. */
function within(events: readonly TraceEvent[], from: number, to: number, kinds: readonly string[]) {
  return events.filter(([kind, start, end]) => kinds.includes(kind) && end >= from && start <= to);
}

/** A command's phases from the probe's events inside its window. */
export function phasesOf(events: readonly TraceEvent[], from: number, to: number): Phases {
  const mine = within(events, from, to, ['begin', 'busy', 'commit', 'checkpoint']);
  const sum = (kind: string) =>
    mine.filter(([k]) => k === kind).reduce((ms, [, start, end]) => ms + (end - start), 0);
  const tries = mine.filter(([k]) => k === 'busy' || k === 'begin');
  const began = mine.find(([k]) => k === 'begin');
  const firstTry = tries[0]?.[1] ?? from;
  const lockWait = began === undefined ? 0 : began[2] - firstTry;
  const commit = mine.find(([k]) => k === 'commit');
  const statements = began === undefined || commit === undefined ? 0 : commit[1] - began[2];
  const ownCheckpoint = sum('checkpoint');
  const total = to - from;
  return {
    total,
    ownCheckpoint,
    lockWait,
    busyTries: mine.filter(([k]) => k === 'busy').length,
    statements,
    commit: sum('commit'),
    other: total - ownCheckpoint - lockWait - statements - sum('commit'),
  };
}

/** What of the bulk job's overlapped [from, to]: its checkpoints by mode, its longest lock held. */
export function overlapping(job: readonly TraceEvent[], from: number, to: number): string {
  const parts: string[] = [];
  for (const [, start, end, detail] of within(job, from, to, ['checkpoint']))
    parts.push(`${detail?.split(' ')[0]} ${(end - start).toFixed(1)} ms`);
  const begins = within(job, from - 200, to, ['begin']);
  const commits = within(job, from - 200, to + 200, ['commit']);
  let longest = 0;
  for (const [, , began] of begins) {
    const commit = commits.find(([, start]) => start >= began);
    if (commit !== undefined && commit[2] >= from && began <= to)
      longest = Math.max(longest, commit[2] - began);
  }
  if (longest > 0) parts.push(`page lock ${longest.toFixed(1)} ms`);
  return parts.join(', ');
}
