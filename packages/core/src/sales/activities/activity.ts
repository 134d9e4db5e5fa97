import { z } from 'zod';
import { expectedVersionSchema, idSchema, optionalText, type RecordBase, text } from '../../domain/common.js';
import { type ActivityKind, activityKindSchema, type Opinion, opinionSchema } from '../../domain/enums.js';
import { timeZoneSchema } from '../../domain/time-zone.js';
import { type CalendarDate, calendarDateSchema, type Instant, instantSchema } from '../../kernel/time.js';
import { skuSchema } from '../products/product.js';
import type { ActivityStatus } from './activity-machine.js';

/** What came of a contact: who was met, what they think of our solution, what they now want. */
export interface ContactOutcome {
  contactId: string | null;
  metWith: string | null;
  opinion: Opinion | null;
  newRequirements: string[];
  summary: string;
  nextStep: string | null;
}

export const contactOutcomeSchema = z
  .object({
    contactId: idSchema.optional(),
    metWith: text(200).optional(),
    opinion: opinionSchema.optional(),
    newRequirements: z.array(text(500)).max(50).default([]),
    summary: text(4000),
    nextStep: optionalText(1000),
  })
  .transform(
    (o): ContactOutcome => ({
      contactId: o.contactId ?? null,
      metWith: o.metWith ?? null,
      opinion: o.opinion ?? null,
      newRequirements: o.newRequirements,
      summary: o.summary,
      nextStep: o.nextStep ?? null,
    }),
  );
export type ContactOutcomeInput = z.input<typeof contactOutcomeSchema>;

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
  })
  .refine((a) => !a.endAt || a.endAt >= a.startAt, {
    message: 'an activity cannot end before it starts',
    path: ['endAt'],
  })
  .refine((a) => a.leadId || a.opportunityId || a.accountId || a.kind === 'task', {
    message: 'link the activity to a lead, an opportunity or an account',
    path: ['opportunityId'],
  });
export type ScheduleActivityInput = z.input<typeof scheduleActivityInput>;

export const rescheduleActivityInput = z
  .object({ startAt: instantSchema, endAt: instantSchema.optional(), expectedVersion: expectedVersionSchema })
  .refine((a) => !a.endAt || a.endAt >= a.startAt, {
    message: 'an activity cannot end before it starts',
    path: ['endAt'],
  });

export const completeActivityInput = z.object({
  outcome: contactOutcomeSchema.optional(),
  expectedVersion: expectedVersionSchema,
});
export type CompleteActivityInput = z.input<typeof completeActivityInput>;

export const calendarQuery = z.object({
  view: z.enum(['day', 'week', 'month']),
  /** Any calendar date inside the wanted day, week (Monday first) or month. */
  date: calendarDateSchema,
  timeZone: timeZoneSchema.optional(),
  /** Whose calendar: omitted = the actor's; a manager may ask for a subordinate, or 'team' for everyone below. */
  userId: z.union([idSchema, z.literal('team')]).optional(),
});
export type CalendarQuery = z.input<typeof calendarQuery>;

/** A demo unit lent to a customer (MISSION point 5): serial, due-back date, and its return. */
export interface DemoLoan extends RecordBase {
  sku: string;
  serial: string;
  accountId: string;
  opportunityId: string | null;
  ownerId: string;
  loanedAt: Instant;
  dueBack: CalendarDate;
  returnedAt: Instant | null;
  condition: string | null;
}

export const lendDemoUnitInput = z.object({
  sku: skuSchema,
  serial: text(100),
  accountId: idSchema,
  opportunityId: idSchema.optional(),
  loanedAt: instantSchema.optional(),
  dueBack: calendarDateSchema,
});
export type LendDemoUnitInput = z.input<typeof lendDemoUnitInput>;

export const returnDemoUnitInput = z.object({
  returnedAt: instantSchema.optional(),
  condition: optionalText(500),
  expectedVersion: expectedVersionSchema,
});
