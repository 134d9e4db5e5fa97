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
import { type ActivityKind, activityKindSchema, type Opinion, opinionSchema } from '../../domain/enums.js';
import { timeZoneSchema } from '../../domain/time-zone.js';
import { zodMessage } from '../../kernel/input-messages.js';
import { calendarDateSchema, type Instant, instantSchema } from '../../kernel/time.js';
import { ACTIVITY_STATUSES, type ActivityStatus } from './activity-machine.js';
import { sayActivity } from './activity-messages.js';
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
  ownerId: string;
  outcome: ContactOutcome | null;
  completedAt: Instant | null;
  cancelReason: string | null;
  /** The app's own fields (`createCrm({ fields: { activity } })`). */
  custom: CustomFieldsOf<'activity'>;
}

export const scheduleActivityInput = z
  .object({
    kind: activityKindSchema,
    subject: text(300),
    startAt: instantSchema,
    endAt: instantSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    location: optionalText(500),
    leadId: idSchema.optional(),
    opportunityId: idSchema.optional(),
    accountId: idSchema.optional(),
    ownerId: idSchema.optional(),
    custom: customInput('activity'),
  })
  .refine((a) => !a.endAt || a.endAt >= a.startAt, {
    ...zodMessage(sayActivity('activity.invalid.endBeforeStart')),
    path: ['endAt'],
  })
  .refine((a) => a.leadId || a.opportunityId || a.accountId || a.kind === 'task', {
    ...zodMessage(sayActivity('activity.invalid.unlinked')),
    path: ['opportunityId'],
  });
export type ScheduleActivityInput = z.input<typeof scheduleActivityInput>;

/** Without a new end the appointment keeps its length. */
export const rescheduleActivityInput = z
  .object({ startAt: instantSchema, endAt: instantSchema.optional(), expectedVersion: expectedVersionSchema })
  .refine((a) => !a.endAt || a.endAt >= a.startAt, {
    ...zodMessage(sayActivity('activity.invalid.endBeforeStart')),
    path: ['endAt'],
  });
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
});
export type CalendarQuery = z.input<typeof calendarQuery>;
