import type { CommandContext } from '../../service/context.js';
import type { Activity } from './activity.js';
import { regardingLabel } from './activity-regarding-label.js';
import type { CalendarEntry } from './calendar-range.js';

/**
 * Each activity with the record it is about named for the actor (hidden-record rule). A record
 * several entries share (a week of visits to one deal) is read and authorized once.
 */
export async function withRegardingLabels(
  ctx: CommandContext,
  activities: readonly Activity[],
): Promise<CalendarEntry[]> {
  const labels = new Map<string, Promise<string | null>>();
  const labelOf = (a: Activity): Promise<string | null> => {
    if (!a.regarding) return Promise.resolve(null);
    const key = `${a.regarding.kind}:${a.regarding.id}`;
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
  // hundreds of records of ~25 fields).
  return activities.map((a, i) => Object.assign(a, { regardingLabel: labelled[i] ?? null }));
}
