import {
  type ActorRef,
  atLocalTime,
  type CalendarDate,
  type CommandContext,
  type Crm,
  calendarDateSchema,
  type Instant,
  parseInput,
  quotaPeriodSchema,
  shiftCalendarDate,
} from '@gongfu/core';
import { findDuplicateDeals } from '../duplicates/index.js';
import { attainmentIn } from '../quotas/quota-attainment.js';
import { conflictsIn, conflictWindow } from '../quotes/quote-conflicts.js';
import { askTogether } from '../shared/ask-together.js';
import { parseTimeZone } from '../shared/period.js';
import type { Visibility } from '../shared/visible.js';
import { reviewedPeople } from './people.js';
import { MORE_COUNTED_UP_TO, remindersPerPerson } from './reminders-per-person.js';
import { FOLLOW_UP_KINDS, REVIEW_EVENT_LIMIT, reviewDay, STALE_KINDS } from './review-day.js';
import type { DuplicateAlert, MorningReview } from './review-types.js';

/** The shape of a duplicate-deal finder's result the review needs (`findDuplicateDeals` fits it). */
export interface DuplicatePairLike {
  a: { id: string; name: string; ownerId: string };
  b: { id: string; name: string; ownerId: string };
  score: number;
  explanation: { text: string };
}
export type DuplicateFinder = (
  crm: Crm,
  actor: ActorRef,
  options: { limit?: number },
) => Promise<readonly DuplicatePairLike[]>;

export interface MorningReviewOptions {
  /** The morning the review is held (`YYYY-MM-DD`); it looks back on the local day before. */
  day: CalendarDate;
  /** The reviewer's zone; the CRM's zone by default. */
  timeZone?: string;
  /** Where duplicate alerts come from: `findDuplicateDeals` by default; `false` lists none. */
  findDuplicates?: DuplicateFinder | false;
  /** Days back a quote of the reviewed day is compared with for conflicting prices (default 30). */
  quoteWindowDays?: number;
  /**
   * How many overdue follow-ups and how many stale deals each person's section lists (1–100,
   * default 5): the oldest first; the rest are counted up to 99 (`moreOverdueFollowUps`,
   * `moreStaleDeals`; 99 means 99 or more).
   */
  remindersPerPerson?: number;
}

/** The quarter a day falls in, as a quota period (`2026-Q1`). */
const quarterOf = (day: CalendarDate) =>
  `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

/**
 * The sales manager's morning (MISSION point 8): for each person below them, what happened on the
 * previous local day in the manager's time zone — activities and their outcomes, stage moves, new
 * leads and deals, quotes, orders, costs — read from the history log, plus the follow-ups overdue
 * and the deals gone stale by that morning, and duplicate-deal pairs touching a deal that moved.
 */
export async function morningReview(
  crm: Crm,
  actor: ActorRef,
  options: MorningReviewOptions,
): Promise<MorningReview> {
  return reviewWith(crm, actor, options, 'scoped');
}

/**
 * The review, its records' visibility decided in the database (`scoped`) or record by record by
 * the policy (`per-record`, the reference `morning-review.property.test.ts` compares with).
 */
export async function reviewWith(
  crm: Crm,
  actor: ActorRef,
  options: MorningReviewOptions,
  visibility: Visibility,
): Promise<MorningReview> {
  const reviewDate = parseInput(calendarDateSchema, options.day);
  const timeZone = parseTimeZone(options.timeZone, crm.timeZone);
  const perPerson = remindersPerPerson(options.remindersPerPerson);
  const reviewedDay = shiftCalendarDate(reviewDate, -1);
  const range = {
    from: atLocalTime(reviewedDay, '00:00', timeZone),
    to: atLocalTime(reviewDate, '00:00', timeZone),
  };
  const quarter = parseInput(quotaPeriodSchema, quarterOf(reviewedDay));
  const windowDays = options.quoteWindowDays ?? 30;
  const quoteWindow = conflictWindow(
    { from: shiftCalendarDate(reviewedDay, -windowDays), to: reviewedDay, windowDays, timeZone },
    crm.timeZone,
  );
  // One read transaction for every section: the day, the quote conflicts and the quotas are asked
  // for together, so on PostgreSQL each step's reads share a round trip (the day's events with the
  // quote events and the quotas; then the day's records with the quoted leads…) instead of three
  // transactions read one statement at a time.
  const { review, touchedDeals } = await crm.runAs(actor, async (ctx) => {
    const people = reviewedPeople(ctx);
    const [{ events, sections }, conflicts, quotas] = await askTogether([
      readDay(ctx, people, range, perPerson, visibility),
      quoteWindow === null ? [] : conflictsIn(ctx, quoteWindow),
      attainmentIn(ctx, quarter),
    ]);
    const day = events.slice(0, REVIEW_EVENT_LIMIT);
    const review: MorningReview = {
      reviewer: { id: ctx.actor.id, name: ctx.actor.name },
      reviewDate,
      reviewedDay,
      timeZone,
      ...range,
      people: sections,
      duplicateAlerts: [],
      // New = the later of the two quotes was made on the reviewed day.
      quoteConflicts: conflicts.filter((c) => c.quotes[1].quotedAt >= range.from),
      quotas,
      truncated: events.length > REVIEW_EVENT_LIMIT,
    };
    const touchedDeals = new Set(day.filter((e) => e.entityType === 'opportunity').map((e) => e.entityId));
    return { review, touchedDeals };
  });
  // Reminder texts are stored as keys: the manager reads them in the review's language.
  for (const person of review.people)
    for (const r of [...person.overdueFollowUps, ...person.staleDeals]) r.message = crm.say(r.detail);
  const finder = options.findDuplicates ?? findDuplicateDeals;
  if (finder) {
    const pairs = await finder(crm, actor, {});
    review.duplicateAlerts = newAlerts(pairs, touchedDeals, (id) => nameOf(review, id));
  }
  return review;
}

/** The reviewed day's events (one more than the limit, to tell a cut day) and the people's sections. */
async function readDay(
  ctx: CommandContext,
  people: readonly string[],
  range: { from: Instant; to: Instant },
  perPerson: number,
  visibility: Visibility,
) {
  // The events and the people's due reminders asked for together (with BEGIN on PostgreSQL). Each
  // section's reminders are the first few per person and a count of the rest up to 99: a rep with
  // 1,500 overdue follow-ups is "99+ more" to the manager, not 1,500 lines (nor, as the oldest
  // 1,000 of the team once were, one rep's backlog hiding everyone else's).
  const [events, due] = await askTogether([
    ctx.tx.history.byActors(people, range, REVIEW_EVENT_LIMIT + 1),
    ctx.tx.reminders.dueByUser({
      userIds: people,
      at: range.to,
      kindGroups: [FOLLOW_UP_KINDS, STALE_KINDS],
      perUser: perPerson,
      countUpTo: perPerson + MORE_COUNTED_UP_TO,
    }),
  ]);
  const day = events.slice(0, REVIEW_EVENT_LIMIT);
  return {
    events,
    sections: await reviewDay(ctx, people, day, due, range, visibility),
  };
}

/** "New" = at least one of the pair was created or changed on the reviewed day. */
function newAlerts(
  pairs: readonly DuplicatePairLike[],
  touched: ReadonlySet<string>,
  ownerName: (id: string) => string,
): DuplicateAlert[] {
  return pairs
    .filter((p) => touched.has(p.a.id) || touched.has(p.b.id))
    .map((p) => ({
      score: p.score,
      a: { id: p.a.id, name: p.a.name, ownerId: p.a.ownerId, ownerName: ownerName(p.a.ownerId) },
      b: { id: p.b.id, name: p.b.name, ownerId: p.b.ownerId, ownerName: ownerName(p.b.ownerId) },
      explanation: p.explanation.text,
    }));
}

function nameOf(review: MorningReview, userId: string): string {
  if (review.reviewer.id === userId) return review.reviewer.name;
  return review.people.find((p) => p.userId === userId)?.name ?? userId;
}
