import { z } from 'zod';
import { idSchema, type Page, pageSchema } from '../../domain/common.js';
import { addMs, instantSchema } from '../../kernel/time.js';
import { parseInput } from '../../kernel/validate.js';
import { assertDecision } from '../../lifecycle/decision.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { Runner } from '../../service/runner.js';
import { stripUndefined } from '../../service/strip-undefined.js';
import type { ActivityFilter } from '../../storage/repositories.js';
import { assertAssignable } from '../org/assignable.js';
import {
  type Activity,
  type CalendarQuery,
  type CompleteActivityInput,
  calendarQuery,
  completeActivityInput,
  rescheduleActivityInput,
  type ScheduleActivityInput,
  scheduleActivityInput,
} from './activity.js';
import { ACTIVITY_STATUSES, decideActivity } from './activity-machine.js';
import { afterCompletion, resolveLinks } from './activity-support.js';
import { type Calendar, calendarRange, layoutCalendar } from './calendar-range.js';
import { calendarOwners, listAllActivities } from './calendar-scope.js';

const HOUR_MS = 3_600_000;

export const activityListQuery = pageSchema.extend({
  status: z.array(z.enum(ACTIVITY_STATUSES)).optional(),
  ownerId: z.array(idSchema).optional(),
  leadId: z.array(idSchema).optional(),
  opportunityId: z.array(idSchema).optional(),
  accountId: z.array(idSchema).optional(),
  /** Start time window [from, to). */
  from: instantSchema.optional(),
  to: instantSchema.optional(),
});
export type ActivityListQuery = z.input<typeof activityListQuery>;

const cancelActivityInput = z.object({
  reason: z.string().trim().min(1, 'say why it is cancelled').max(500),
  expectedVersion: z.number().int().min(1).optional(),
});

/** One lifecycle event on a loaded activity; the machine refuses with its reason. */
async function move(
  ctx: CommandContext,
  a: Activity,
  event: 'COMPLETE' | 'CANCEL' | 'RESCHEDULE',
  changes: Partial<Activity>,
  name: string,
  meta: Record<string, unknown> | null = null,
) {
  const decision = assertDecision(
    decideActivity(
      a.status,
      { kind: a.kind, hasOutcome: (changes.outcome ?? a.outcome) != null },
      { type: event },
    ),
  );
  return ctx.transition(ENTITY.activity, a, decision, { event: name, changes, meta });
}

export function activityCommands(run: Runner) {
  /** Parse, load for edit and version-check inside the command, so a bad input rejects (never throws). */
  const withActivity = <S extends z.ZodType<{ expectedVersion?: number | undefined }>, T>(
    actor: ActorRef,
    id: string,
    schema: S,
    input: unknown,
    fn: (ctx: CommandContext, a: Activity, data: z.output<S>) => Promise<T>,
  ) =>
    run.write(actor, async (ctx) => {
      const data = parseInput(schema, input);
      const a = await ctx.load(ENTITY.activity, parseInput(idSchema, id), 'edit');
      ctx.checkVersion('activity', a, data.expectedVersion);
      return fn(ctx, a, data);
    });

  return {
    /** Plan a visit, call, meeting or demo hand-over; reminded before it starts. */
    schedule: (actor: ActorRef, input: ScheduleActivityInput): Promise<Activity> =>
      run.write(actor, async (ctx) => {
        const data = parseInput(scheduleActivityInput, input);
        const ownerId = data.ownerId ?? ctx.actor.id;
        assertAssignable(ctx, ownerId);
        const { currency: _, ...links } = await resolveLinks(ctx, data);
        const activity: Activity = {
          tenantId: ctx.tx.tenantId,
          id: ctx.newId('act'),
          version: 1,
          createdAt: ctx.now,
          updatedAt: ctx.now,
          kind: data.kind,
          subject: data.subject,
          status: 'scheduled',
          startAt: data.startAt,
          endAt: data.endAt ?? addMs(data.startAt, HOUR_MS),
          timeZone: data.timeZone ?? ctx.settings.timeZone,
          location: data.location || null,
          ...links,
          ownerId,
          outcome: null,
          completedAt: null,
          cancelReason: null,
        };
        return ctx.insert(ENTITY.activity, activity, 'activity.scheduled');
      }),

    /** Move the appointment; without a new end it keeps its length. */
    reschedule: (
      actor: ActorRef,
      id: string,
      input: z.input<typeof rescheduleActivityInput>,
    ): Promise<Activity> =>
      withActivity(actor, id, rescheduleActivityInput, input, (ctx, a, data) => {
        const endAt = data.endAt ?? addMs(data.startAt, Date.parse(a.endAt) - Date.parse(a.startAt));
        return move(ctx, a, 'RESCHEDULE', { startAt: data.startAt, endAt }, 'activity.rescheduled', {
          from: a.startAt,
        });
      }),

    /** Done, with what came of it: who was met, their opinion, new requirements, the next step. */
    complete: (actor: ActorRef, id: string, input: CompleteActivityInput = {}): Promise<Activity> =>
      withActivity(actor, id, completeActivityInput, input, async (ctx, a, data) => {
        const changes = { outcome: data.outcome ?? null, completedAt: ctx.now };
        const next = await move(ctx, a, 'COMPLETE', changes, 'activity.completed');
        await afterCompletion(ctx, next);
        return next;
      }),

    cancel: (actor: ActorRef, id: string, input: z.input<typeof cancelActivityInput>): Promise<Activity> =>
      withActivity(actor, id, cancelActivityInput, input, (ctx, a, data) =>
        move(ctx, a, 'CANCEL', { cancelReason: data.reason }, 'activity.cancelled', { reason: data.reason }),
      ),

    get: (actor: ActorRef, id: string): Promise<Activity> =>
      run.read(actor, (ctx) => ctx.load(ENTITY.activity, parseInput(idSchema, id))),

    list: (actor: ActorRef, query: ActivityListQuery = {}): Promise<Page<Activity>> =>
      run.read(actor, (ctx) => {
        const { limit, cursor, from, to, ...where } = parseInput(activityListQuery, query);
        const filter: ActivityFilter = {
          ...stripUndefined(where),
          ...(from || to ? { startAt: stripUndefined({ from, to }) } : {}),
        };
        return ctx.tx.activities.list({
          where: filter,
          scope: ctx.scope(),
          limit,
          ...(cursor ? { cursor } : {}),
        });
      }),

    /** The day, week (Monday first) or month plan of one person or of the actor's team, in a time zone. */
    calendar: (actor: ActorRef, query: CalendarQuery): Promise<Calendar> =>
      run.read(actor, async (ctx) => {
        const q = parseInput(calendarQuery, query);
        const range = calendarRange(q.view, q.date, q.timeZone ?? ctx.settings.timeZone);
        const activities = await listAllActivities(ctx, {
          ownerId: calendarOwners(ctx, q.userId),
          // A cancelled appointment is no longer part of anyone's plan.
          status: ['scheduled', 'completed'],
          startAt: { from: range.from, to: range.to },
        });
        return layoutCalendar(range, activities);
      }),
  };
}
