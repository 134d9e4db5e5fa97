import { z } from 'zod';
import {
  expectedVersionSchema,
  idSchema,
  oneOrMany,
  optionalText,
  pageSchema,
  type RecordBase,
  text,
} from '../../domain/common.js';
import { type CustomFieldsOf, customFilterInput, customInput } from '../../domain/custom-fields.js';
import { type ActivityKind, activityKindKeySchema, type Opinion, opinionSchema } from '../../domain/enums.js';
import { timeZoneSchema } from '../../domain/time-zone.js';
import { zodMessage } from '../../kernel/input-messages.js';
import { calendarDateSchema, type Instant, instantSchema } from '../../kernel/time.js';
import { ACTIVITY_STATUSES, type ActivityStatus } from './activity-machine.js';
import { sayActivity } from './activity-messages.js';
import { DEFAULT_CALENDAR_PER_DAY } from './calendar-range.js';
import { linkFilters } from './link-filters.js';

/** What came of a contact: who was met, what they think of our solution, what they now want. */
export interface ContactOutcome {
  contactId: string | null;
  metWith: string | null;
  /** The deal's contacts who were there (ids from the linked deal's `contacts`). */
  metContactIds: string[];
  opinion: Opinion | null;
  newRequirements: string[];
  summary: string;
  nextStep: string | null;
}

export const contactOutcomeSchema = z
  .object({
    contactId: idSchema.optional(),
    metWith: text(200).optional(),
    metContactIds: z.array(idSchema).max(50).default([]),
    opinion: opinionSchema.optional(),
    newRequirements: z.array(text(500)).max(50).default([]),
    summary: text(4000),
    nextStep: optionalText(1000),
  })
  .transform(
    (o): ContactOutcome => ({
      contactId: o.contactId ?? null,
      metWith: o.metWith ?? null,
      metContactIds: [...new Set(o.metContactIds)],
      opinion: o.opinion ?? null,
      newRequirements: o.newRequirements,
      summary: o.summary,
      nextStep: o.nextStep ?? null,
    }),
  );
export type ContactOutcomeInput = z.input<typeof contactOutcomeSchema>;

/** The kinds of record an activity can be about. */
export const ACTIVITY_SUBJECT_KINDS = [
  'lead',
  'opportunity',
  'account',
  'contact',
  'order',
  'service_case',
] as const;
export type ActivitySubjectKind = (typeof ACTIVITY_SUBJECT_KINDS)[number];

/** The one record an activity is about (the others it names are implied by it). */
export interface ActivityRegarding {
  kind: ActivitySubjectKind;
  id: string;
}

const regardingOf = <K extends ActivitySubjectKind>(kind: K) =>
  z.strictObject({ kind: z.literal(kind), id: idSchema });

/** `{ kind, id }`, one strict shape per kind, so a misspelt kind or a stray field is refused. */
export const activityRegardingSchema = z.discriminatedUnion('kind', [
  regardingOf('lead'),
  regardingOf('opportunity'),
  regardingOf('account'),
  regardingOf('contact'),
  regardingOf('order'),
  regardingOf('service_case'),
]);

/** A visit, call, meeting, email, task or demo hand-over on a salesperson's calendar. */
export interface Activity extends RecordBase {
  kind: ActivityKind;
  subject: string;
  status: ActivityStatus;
  startAt: Instant;
  endAt: Instant;
  /** The IANA zone the appointment was made in, so "09:00 at the customer" stays 09:00 there. */
  timeZone: string;
  location: string | null;
  leadId: string | null;
  opportunityId: string | null;
  accountId: string | null;
  /** The contact it is about (its account is `accountId`). */
  contactId: string | null;
  /** The order it is about, or the order of the service case it is about. */
  orderId: string | null;
  serviceCaseId: string | null;
  /**
   * The record it is about, as the caller named it; null only for a task on nothing. Who may see
   * a contact, order or service case sees the activities about it.
   */
  regarding: ActivityRegarding | null;
  ownerId: string;
  outcome: ContactOutcome | null;
  completedAt: Instant | null;
  cancelReason: string | null;
  /** The app's own fields (`createCrm({ fields: { activity } })`). */
  custom: CustomFieldsOf<'activity'>;
}

/**
 * The longest an activity may last. A visit, call or task spans hours or days; an end years away
 * (a typo'd 2199) would sit in every calendar range query and reminder window until then.
 */
export const MAX_ACTIVITY_DAYS = 366;
const MAX_ACTIVITY_MS = MAX_ACTIVITY_DAYS * 24 * 60 * 60 * 1000;

interface Span {
  startAt: string;
  endAt?: string | undefined;
}
const endsAfterStart = (a: Span) => !a.endAt || a.endAt >= a.startAt;
const withinMaxLength = (a: Span) =>
  !a.endAt || Date.parse(a.endAt) - Date.parse(a.startAt) <= MAX_ACTIVITY_MS;
const ACTIVITY_TOO_LONG = {
  ...zodMessage(sayActivity('activity.invalid.tooLong', { days: MAX_ACTIVITY_DAYS })),
  path: ['endAt'],
};

export const scheduleActivityInput = z
  .object({
    kind: activityKindKeySchema,
    subject: text(300),
    startAt: instantSchema,
    endAt: instantSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    location: optionalText(500),
    leadId: idSchema.optional(),
    opportunityId: idSchema.optional(),
    accountId: idSchema.optional(),
    /** The record it is about, of any kind: `{ kind: 'order', id }`. Instead of the three ids above. */
    regarding: activityRegardingSchema.optional(),
    ownerId: idSchema.optional(),
    custom: customInput('activity'),
  })
  .refine(endsAfterStart, { ...zodMessage(sayActivity('activity.invalid.endBeforeStart')), path: ['endAt'] })
  .refine(withinMaxLength, ACTIVITY_TOO_LONG)
  .refine((a) => !a.regarding || !(a.leadId || a.opportunityId || a.accountId), {
    ...zodMessage(sayActivity('activity.invalid.linkedTwice')),
    path: ['regarding'],
  })
  .refine((a) => a.regarding || a.leadId || a.opportunityId || a.accountId || a.kind === 'task', {
    ...zodMessage(sayActivity('activity.invalid.unlinked')),
    path: ['opportunityId'],
  });
export type ScheduleActivityInput = z.input<typeof scheduleActivityInput>;

/** Without a new end the appointment keeps its length. */
export const rescheduleActivityInput = z
  .object({ startAt: instantSchema, endAt: instantSchema.optional(), expectedVersion: expectedVersionSchema })
  .refine(endsAfterStart, { ...zodMessage(sayActivity('activity.invalid.endBeforeStart')), path: ['endAt'] })
  .refine(withinMaxLength, ACTIVITY_TOO_LONG);
export type RescheduleActivityInput = z.input<typeof rescheduleActivityInput>;

export const completeActivityInput = z.strictObject({
  outcome: contactOutcomeSchema.optional(),
  expectedVersion: expectedVersionSchema,
});
export type CompleteActivityInput = z.input<typeof completeActivityInput>;

export const cancelActivityInput = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1, zodMessage(sayActivity('activity.invalid.noCancelReason')))
    .max(500),
  expectedVersion: expectedVersionSchema,
});
export type CancelActivityInput = z.input<typeof cancelActivityInput>;

export const activityListQuery = pageSchema.extend({
  status: oneOrMany(z.enum(ACTIVITY_STATUSES)).optional(),
  ownerId: oneOrMany(idSchema).optional(),
  ...linkFilters,
  contactId: oneOrMany(idSchema).optional(),
  orderId: oneOrMany(idSchema).optional(),
  serviceCaseId: oneOrMany(idSchema).optional(),
  /** What kind of record they are about. */
  regardingKind: oneOrMany(z.enum(ACTIVITY_SUBJECT_KINDS)).optional(),
  /** Start time window [from, to). */
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  custom: customFilterInput('activity'),
});
export type ActivityListQuery = z.input<typeof activityListQuery>;

export const calendarQuery = z.strictObject({
  view: z.enum(['day', 'week', 'month']),
  /** Any calendar date inside the wanted day, week (Monday first) or month. */
  date: calendarDateSchema,
  timeZone: timeZoneSchema.optional(),
  /** Whose calendar: omitted = the actor's; a manager may ask for a subordinate, or 'team' for everyone below. */
  userId: z.union([idSchema, z.literal('team')]).optional(),
  /**
   * How many activities each day lists, the first by start time (default 20); each day's `more`
   * counts the rest the reader may see.
   */
  perDay: z.number().int().min(1).max(500).default(DEFAULT_CALENDAR_PER_DAY),
});
export type CalendarQuery = z.input<typeof calendarQuery>;
