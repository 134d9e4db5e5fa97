import { merged } from '../../kernel/merged.js';
import type { DesiredReminder, ReminderState } from './desired-reminder.js';

/**
 * What reconciling needs of a stored reminder. `kind` is any string because a stored row may have
 * been written by an older or newer version of these rules; such a row is simply removed or replaced.
 */
export type StoredReminder = Omit<ReminderState, 'kind'> & { kind: string };

/** The writes that turn the stored reminders of a record into the desired ones. */
export interface ReminderReconciliation {
  /** New reminders, with no acknowledgement or snooze yet. */
  insert: ReminderState[];
  /** The complete new state of changed reminders, matched to the stored ones by key. */
  update: ReminderState[];
  /** Keys of stored reminders that should no longer exist. */
  remove: string[];
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function sameState(a: StoredReminder, b: ReminderState): boolean {
  return (
    a.kind === b.kind &&
    a.subjectType === b.subjectType &&
    a.subjectId === b.subjectId &&
    a.userId === b.userId &&
    a.dueAt === b.dueAt &&
    a.escalateAt === b.escalateAt &&
    a.message === b.message &&
    a.detail?.key === b.detail?.key &&
    a.acknowledgedAt === b.acknowledgedAt &&
    a.snoozedUntil === b.snoozedUntil
  );
}

/**
 * What the service must write so that `existing` (the stored reminders of the record(s) the
 * `desired` list was computed for — nothing else) matches `desired`.
 *
 * A reminder keeps its acknowledgement and snooze while it is the same occurrence. A different
 * `dueAt` is a new occurrence — a fresh contact resets the follow-up, a new stage or a rescheduled
 * visit is news — so its state resets, in either direction. A new owner resets it too: someone
 * else's acknowledgement does not mean the new owner has seen it.
 */
export function reconcileReminders(
  existing: readonly StoredReminder[],
  desired: readonly DesiredReminder[],
): ReminderReconciliation {
  const stored = new Map(existing.map((r) => [r.key, r]));
  const wanted = new Map<string, DesiredReminder>();
  for (const d of desired) {
    if (wanted.has(d.key)) throw new RangeError(`duplicate desired reminder key: ${d.key}`);
    wanted.set(d.key, d);
  }

  const insert: ReminderState[] = [];
  const update: ReminderState[] = [];
  for (const d of wanted.values()) {
    const current = stored.get(d.key);
    if (current === undefined) {
      // merged, not a spread: sameState and the stores read these field by field (kernel/merged.ts).
      insert.push(merged(d, { acknowledgedAt: null, snoozedUntil: null }));
      continue;
    }
    const sameOccurrence = current.dueAt === d.dueAt && current.userId === d.userId;
    const next: ReminderState = merged(d, {
      acknowledgedAt: sameOccurrence ? current.acknowledgedAt : null,
      snoozedUntil: sameOccurrence ? current.snoozedUntil : null,
    });
    if (!sameState(current, next)) update.push(next);
  }
  const remove = [...stored.keys()].filter((key) => !wanted.has(key)).sort();

  return { insert: insert.sort(byKey), update: update.sort(byKey), remove };
}

/**
 * The stored set after the writes are applied — what an in-memory store does, and what tests use
 * to check that reconciling is idempotent.
 */
export function applyReconciliation(
  existing: readonly StoredReminder[],
  plan: ReminderReconciliation,
): StoredReminder[] {
  const next = new Map<string, StoredReminder>(existing.map((r) => [r.key, r]));
  for (const key of plan.remove) next.delete(key);
  for (const r of [...plan.update, ...plan.insert]) next.set(r.key, r);
  return [...next.values()].sort(byKey);
}
