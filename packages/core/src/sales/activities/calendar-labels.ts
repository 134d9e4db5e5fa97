import type { CommandContext } from '../../service/context.js';
import type { Activity, ActivityRegarding } from './activity.js';
import { regardingLabel } from './activity-regarding-label.js';
import type { CalendarEntry } from './calendar-range.js';

/** Label reads by record (`kind:id`), each asked once. */
export type RegardingLabels = ReadonlyMap<string, Promise<string | null>>;

const regardingKey = (r: ActivityRegarding) => `${r.kind}:${r.id}`;

/**
 * Asks now for the labels of `subjects` (what the same calendar read labelled last time), so on
 * PostgreSQL their reads join the round trip of the statement asked for beside them. A label
 * nobody uses was read for nothing; a failed one fails the transaction, as its read would anyway.
 */
export function askLabels(ctx: CommandContext, subjects: readonly ActivityRegarding[]): RegardingLabels {
  const labels = new Map<string, Promise<string | null>>();
  for (const subject of subjects) {
    const label = regardingLabel(ctx, ctx.actor.id, subject);
    // Not awaited when the read no longer lists the record: never an unhandled rejection.
    label.catch(() => {});
    labels.set(regardingKey(subject), label);
  }
  return labels;
}

/** The distinct records `activities` are about, in order of first mention. */
export function subjectsOf(activities: readonly Activity[]): ActivityRegarding[] {
  const seen = new Map<string, ActivityRegarding>();
  for (const a of activities) {
    const regarding = a.regarding;
    if (!regarding) continue;
    // The key built once per entry (it was built twice), and a record met again costs one lookup.
    const key = regardingKey(regarding);
    if (!seen.has(key)) seen.set(key, { kind: regarding.kind, id: regarding.id });
  }
  return [...seen.values()];
}

/**
 * Each activity with the record it is about named for the actor (hidden-record rule). A record
 * several entries share (a week of visits to one deal) is read and authorized once.
 */
export async function withRegardingLabels(
  ctx: CommandContext,
  activities: readonly Activity[],
  /** Labels already asked for (`askLabels`), used when an activity is about one of their records. */
  asked: RegardingLabels = new Map(),
): Promise<CalendarEntry[]> {
  const labels = new Map(asked);
  const labelOf = (a: Activity): Promise<string | null> => {
    if (!a.regarding) return Promise.resolve(null);
    const key = regardingKey(a.regarding);
    let label = labels.get(key);
    if (!label) {
      label = regardingLabel(ctx, ctx.actor.id, a.regarding);
      labels.set(key, label);
    }
    return label;
  };
  // Asked for together: on PostgreSQL the reads of one transaction asked for at once share a round
  // trip, so a week about twenty records costs one wait for their twenty reads, not twenty.
  const labelled = await Promise.all(activities.map(labelOf));
  // Each activity was read for this call alone: labelled in place, not copied (a team's week is
  // hundreds of records of ~25 fields), by one assignment each (what Object.assign of a fresh
  // one-key literal did, without the literal).
  return activities.map((a, i) => {
    const entry = a as CalendarEntry;
    entry.regardingLabel = labelled[i] ?? null;
    return entry;
  });
}
