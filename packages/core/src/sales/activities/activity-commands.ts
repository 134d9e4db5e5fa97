import type { z } from 'zod';
import { idSchema, type Page } from '../../domain/common.js';
import { addMs } from '../../kernel/time.js';
import { parseInput } from '../../kernel/validate.js';
import { assertDecision } from '../../lifecycle/decision.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import { newCustom } from '../../service/custom-write.js';
import { ENTITY } from '../../service/entities.js';
import { pageOf } from '../../service/list-page.js';
import type { Runner } from '../../service/runner.js';
import { stripUndefined } from '../../service/strip-undefined.js';
import type { ActivityFilter } from '../../storage/repositories.js';
import { assertListed } from '../config/assert-listed.js';
import { assertAssignable } from '../org/assignable.js';
import {
  type Activity,
  type ActivityListQuery,
  activityListQuery,
  type CalendarQuery,
  type CancelActivityInput,
  type CompleteActivityInput,
  calendarQuery,
  cancelActivityInput,
  completeActivityInput,
  type RescheduleActivityInput,
  rescheduleActivityInput,
  type ScheduleActivityInput,
  scheduleActivityInput,
} from './activity.js';
import { afterCompletion } from './activity-completion.js';
import { decideActivity } from './activity-machine.js';
import { resolveActivitySubject } from './activity-subject.js';
import { askLabels, subjectsOf, withRegardingLabels } from './calendar-labels.js';
import { type Calendar, calendarRange, dayStartsOf, layoutCalendar } from './calendar-range.js';
import { calendarOwners } from './calendar-scope.js';
import { assertMetDealContacts } from './met-contacts.js';

const HOUR_MS = 3_600_000;

/**
 * The salesperson's calendar (日程管理): visits, calls, meetings and demo hand-overs planned by day,
 * week and month, kept on time by reminders, and each contact's result logged when it is done.
 */
export interface ActivityCommands {
  /**
   * Plan a visit, call, meeting or demo hand-over with a customer; the owner is reminded before it
   * starts. Without an end it lasts an hour; naming a converted lead or a deal fills in its account.
   * `regarding` names the record it is about, of any kind: a lead, deal, account, contact, order or
   * service case (`{ kind: 'order', id }`); the records it implies are filled in (a case's order,
   * deal and account), and whoever may open that record sees the activity.
   * @example
   * ```ts
   * const visit = await crm.activities.schedule(jia, {
   *   kind: 'visit', subject: '现场勘查仓库', startAt: '2026-03-05T10:00:00+08:00',
   *   opportunityId: opportunity.id, location: '济南市历城区',
   * });
   * ```
   */
  schedule(actor: ActorRef, input: ScheduleActivityInput): Promise<Activity>;
  /**
   * Move the appointment; without a new end it keeps its length, and the reminder moves with it.
   * @example
   * ```ts
   * await crm.activities.reschedule(jia, visit.id, { startAt: '2026-03-06T14:00:00+08:00', expectedVersion: visit.version });
   * ```
   */
  reschedule(actor: ActorRef, id: string, input: RescheduleActivityInput): Promise<Activity>;
  /**
   * Mark it done with what came of it: who was met, their opinion of our solution, what new
   * requirements they raised, the next step. A call, visit, meeting or demo needs that outcome.
   * `metContactIds` names which of the linked deal's contacts were there (VALIDATION otherwise).
   * Completing a contact restarts the lead's follow-up clock.
   * @example
   * ```ts
   * await crm.activities.complete(jia, visit.id, {
   *   outcome: {
   *     metWith: '王工 (信息中心)', opinion: 'positive',
   *     metContactIds: [wang.id], // contacts of the linked deal (`opportunities.addContact`)
   *     newRequirements: ['入库口加 20 台 RFID 读写器'],
   *     summary: '看了仓库，认可 WMS 方案', nextStep: '周五前发修订报价',
   *   },
   * });
   * ```
   */
  complete(actor: ActorRef, id: string, input?: CompleteActivityInput): Promise<Activity>;
  /**
   * Call it off, saying why; a cancelled appointment leaves everyone's plan.
   * @example
   * ```ts
   * await crm.activities.cancel(jia, visit.id, { reason: '客户推迟到下周' });
   * ```
   */
  cancel(actor: ActorRef, id: string, input: CancelActivityInput): Promise<Activity>;
  /**
   * One activity the actor may see (NOT_FOUND otherwise, exactly as for a missing one).
   * @example
   * ```ts
   * const visit = await crm.activities.get(li, activityId);
   * ```
   */
  get(actor: ActorRef, id: string): Promise<Activity>;
  /**
   * The activities the actor may see, one page at a time, by status, owner, lead, deal, customer,
   * contact, order, service case, the kind of record they are about (`regardingKind`) and a
   * start-time window [from, to).
   * @example
   * ```ts
   * const open = await crm.activities.list(li, {
   *   status: 'scheduled', ownerId: [jia.id, yi.id], from: '2026-03-02T00:00:00+08:00',
   * });
   * ```
   */
  list(actor: ActorRef, query?: ActivityListQuery): Promise<Page<Activity>>;
  /**
   * The day, week (Monday first) or month plan of the actor, of one person they manage, or of their
   * whole team (`userId: 'team'`), laid out by local day in a time zone; empty days included. Each
   * entry's `regardingLabel` names the record it is about, or only its kind and id when the actor
   * may not open that record.
   * @example
   * ```ts
   * const week = await crm.activities.calendar(li, { view: 'week', date: '2026-03-04', userId: 'team' });
   * for (const day of week.days) console.log(day.date, day.activities.length);
   * ```
   */
  calendar(actor: ActorRef, query: CalendarQuery): Promise<Calendar>;
}

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

export function activityCommands(run: Runner): ActivityCommands {
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
    schedule: (actor, input) =>
      run.write(actor, async (ctx) => {
        const data = parseInput(scheduleActivityInput, input);
        assertListed(ctx, 'activityKinds', data.kind, 'kind');
        const ownerId = data.ownerId ?? ctx.actor.id;
        assertAssignable(ctx, ownerId);
        const links = await resolveActivitySubject(ctx, data, ownerId);
        const activity: Activity = {
          ...ctx.stamp('act'),
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
          custom: newCustom(ctx, 'activity', data.custom),
        };
        return ctx.insert(ENTITY.activity, activity, 'activity.scheduled');
      }),

    reschedule: (actor, id, input) =>
      withActivity(actor, id, rescheduleActivityInput, input, (ctx, a, data) => {
        const endAt = data.endAt ?? addMs(data.startAt, Date.parse(a.endAt) - Date.parse(a.startAt));
        return move(ctx, a, 'RESCHEDULE', { startAt: data.startAt, endAt }, 'activity.rescheduled', {
          from: a.startAt,
        });
      }),

    complete: (actor, id, input = {}) =>
      withActivity(actor, id, completeActivityInput, input, async (ctx, a, data) => {
        await assertMetDealContacts(ctx, a.opportunityId, data.outcome);
        const changes = { outcome: data.outcome ?? null, completedAt: ctx.now };
        const next = await move(ctx, a, 'COMPLETE', changes, 'activity.completed');
        await afterCompletion(ctx, next);
        return next;
      }),

    cancel: (actor, id, input) =>
      withActivity(actor, id, cancelActivityInput, input, (ctx, a, data) =>
        move(ctx, a, 'CANCEL', { cancelReason: data.reason }, 'activity.cancelled', { reason: data.reason }),
      ),

    get: (actor, id) => run.read(actor, (ctx) => ctx.load(ENTITY.activity, parseInput(idSchema, id))),

    list: (actor, query = {}) =>
      run.read(actor, (ctx) => {
        const { limit, cursor, from, to, ...where } = parseInput(activityListQuery, query);
        const filter: ActivityFilter = {
          ...stripUndefined(where),
          ...(from || to ? { startAt: stripUndefined({ from, to }) } : {}),
        };
        return pageOf(ctx, ctx.tx.activities, filter, { limit, cursor }, 'activity');
      }),

    calendar: (actor, query) =>
      run.read(actor, async (ctx) => {
        const q = parseInput(calendarQuery, query);
        const range = calendarRange(q.view, q.date, q.timeZone ?? ctx.settings.timeZone);
        // The records this same read labelled last time are asked for beside its days, so their
        // reads share the days' round trip; whatever the days hold is labelled all the same.
        const read = JSON.stringify([ctx.tx.tenantId, ctx.actor.id, q, range.from]);
        const asked = askLabels(ctx, ctx.calendarSubjects().of(read) ?? []);
        // Each day's first `perDay` are read; the rest are counted by the database, under the same
        // scope, so a team's week reads and labels a screenful, not every appointment.
        const days = await ctx.tx.activities.byDay({
          where: {
            ownerId: calendarOwners(ctx, q.userId),
            // A cancelled appointment is no longer part of anyone's plan.
            status: ['scheduled', 'completed'],
          },
          scope: ctx.scope(),
          dayStarts: dayStartsOf(range),
          perDay: q.perDay,
          // Its people's start-time range of at most 31 days is one index range whoever asks: planned once.
          planOnce: true,
        });
        const items = days.flatMap((d) => d.items);
        ctx.calendarSubjects().keep(read, subjectsOf(items));
        const entries = await withRegardingLabels(ctx, items, asked);
        // The labelled entries are the days' items in order: cut back into days by their counts.
        const starts = days.map((_, i) => days.slice(0, i).reduce((n, d) => n + d.items.length, 0));
        return layoutCalendar(
          range,
          days.map((d, i) => ({
            items: entries.slice(starts[i], (starts[i] ?? 0) + d.items.length),
            more: d.more,
          })),
        );
      }),
  };
}
