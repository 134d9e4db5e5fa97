import type { OrgChart } from '../../access/org-chart.js';
import type { Instant } from '../../kernel/time.js';
import type { DesiredReminder } from '../reminders/desired-reminder.js';
import { type ReminderConfig, resolveRuleSettings } from '../reminders/reminder-config.js';
import { toDesiredReminder } from '../reminders/reminder-draft.js';
import type { QuoteEntry } from './lead.js';

/** Two quotes conflict only when made within this many days of each other (as the review's default). */
export const QUOTE_CONFLICT_WINDOW_DAYS = 30;

const DAY_MS = 86_400_000;

/**
 * Two reps' prices that a customer (or one end customer, through two integrators) can hold against
 * each other: the same product in the same currency at different unit prices, within the window.
 */
export function pricesConflict(
  a: QuoteEntry,
  b: QuoteEntry,
  windowDays = QUOTE_CONFLICT_WINDOW_DAYS,
): boolean {
  return (
    a.quotedBy !== b.quotedBy &&
    a.sku === b.sku &&
    a.unitPrice.currency === b.unitPrice.currency &&
    a.unitPrice.amount !== b.unitPrice.amount &&
    Math.abs(Date.parse(a.quotedAt) - Date.parse(b.quotedAt)) <= windowDays * DAY_MS
  );
}

/**
 * The lowest active manager above both reps: the one person who may see both prices and settle
 * them. Null when the two have no manager in common (then only an administrator's review shows it).
 */
export function commonManager(org: OrgChart, repA: string, repB: string): string | null {
  for (const m of org.managersOf(repA)) if (org.isAbove(m, repB) && org.get(m)?.active !== false) return m;
  return null;
}

/**
 * One conflict is one customer (or end customer), one product and one pair of reps, whichever of
 * them quoted first and however often they quote again: its reminder is raised once.
 */
export function quoteConflictId(customerAccountId: string, sku: string, repA: string, repB: string): string {
  const [lo, hi] = repA < repB ? [repA, repB] : [repB, repA];
  return `qc_${customerAccountId}_${sku}_${lo}_${hi}`;
}

/** What the manager's reminder says: the reps and the product, never a price or the customer's name. */
export interface QuoteConflictFacts {
  subjectId: string;
  managerId: string;
  basis: 'customer' | 'end_customer';
  firstRepName: string;
  secondRepName: string;
  sku: string;
  at: Instant;
}

export function quoteConflictReminder(facts: QuoteConflictFacts, config: ReminderConfig): DesiredReminder {
  return toDesiredReminder(
    {
      kind: 'quote_conflict',
      subjectId: facts.subjectId,
      userId: facts.managerId,
      dueAt: facts.at,
      // Never the customer's name: a stored text keeps it after the manager's access to it changes.
      label: facts.sku,
      basis: facts.basis,
      firstRep: facts.firstRepName,
      secondRep: facts.secondRepName,
      sku: facts.sku,
    },
    resolveRuleSettings(config),
  );
}
