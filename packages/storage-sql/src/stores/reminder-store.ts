import {
  ConcurrencyError,
  type DueByUserQuery,
  type Instant,
  type MessageParams,
  type Reminder,
  type ReminderClaim,
  type ReminderStore,
  type UserDue,
} from '@gongfu/core';
import type { AnyRow } from '../any-db.js';
import { columnsToSet, rememberRow } from '../records/changed-columns.js';
import { literalLimit } from '../records/compile-where.js';
import { executeCached, writeCached } from '../records/compiled-cache.js';
import type { StoreContext } from '../records/store-context.js';
import { claimLeased, DELIVERY_LEASE, ESCALATION_LEASE, markLeased } from './reminder-lease.js';
import { remindersDueByUser } from './reminders-by-user.js';

const CHUNK = 500;
const rowKey = (id: string) => `reminders\u0000${id}`;
/** Most people whose due reminders are merged range by range (a manager of fifty: 50 ranges). */
const MAX_MERGED_PEOPLE = 200;

/**
 * The columns a reminder is read from: not the dispatchers' lease and fence columns, which a
 * reader of due reminders never decodes (six of the table's 23).
 */
const REMINDER_COLUMNS = [
  'tenant_id',
  'id',
  'key',
  'kind',
  'subject_type',
  'subject_id',
  'user_id',
  'due_at',
  'escalate_at',
  'message',
  'message_key',
  'message_params',
  'acknowledged_at',
  'snoozed_until',
  'delivered_at',
  'escalated_at',
  'version',
] as const;

/**
 * Reminders are stored as explicit columns (no doc): the dispatchers filter on most of them. The
 * dispatchers' lease and fence columns (`reminder-lease.ts`) are not part of the record, so an
 * update here leaves them alone.
 */
export class SqlReminderStore implements ReminderStore {
  constructor(private readonly ctx: StoreContext) {}

  async forSubject(subjectType: Reminder['subjectType'], subjectId: string): Promise<Reminder[]> {
    const { rows } = await executeCached<AnyRow>(
      this.ctx,
      'reminders:forSubject',
      [this.ctx.tenantId, subjectType, subjectId],
      () =>
        this.base()
          .where('subject_type', '=', subjectType)
          .where('subject_id', '=', subjectId)
          .orderBy('due_at')
          .orderBy('id'),
    );
    // Their stored columns too: the command's reminder sync updates what it read here, and an
    // update sets only the columns that change (records/changed-columns.ts).
    for (const r of rows) rememberRow(this.ctx, rowKey(r.id as string), r);
    return rows.map((r) => this.decode(r));
  }

  async get(id: string): Promise<Reminder | null> {
    const row = await this.base().where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : this.decode(row);
  }

  async insert(reminder: Reminder): Promise<void> {
    const values = { tenant_id: this.ctx.tenantId, id: reminder.id, ...this.encode(reminder) };
    await writeCached(
      this.ctx,
      'reminders:insert',
      Object.values(values),
      () => this.ctx.db.insertInto('reminders').values(values),
      { entity: 'reminder' },
    );
  }

  async update(reminder: Reminder, expectedVersion: number): Promise<void> {
    const row = this.encode(reminder);
    const key = rowKey(reminder.id);
    const set = columnsToSet(this.ctx, key, expectedVersion, row);
    await writeCached(
      this.ctx,
      `reminders:update:${Object.keys(set).join(',')}`,
      [...Object.values(set), this.ctx.tenantId, reminder.id, expectedVersion],
      () =>
        this.ctx.db
          .updateTable('reminders')
          .set(set)
          .where('tenant_id', '=', this.ctx.tenantId)
          .where('id', '=', reminder.id)
          .where('version', '=', expectedVersion),
      {
        entity: 'reminder',
        expectOne: {
          lost: async (read) => {
            const { rows } = await read<{ version: unknown }>(
              this.base().clearSelect().select('version').where('id', '=', reminder.id).compile(),
            );
            const actual = rows[0] === undefined ? null : this.ctx.engine.decodeInt(rows[0].version);
            return new ConcurrencyError('reminder', reminder.id, expectedVersion, actual);
          },
        },
      },
    );
    rememberRow(this.ctx, key, row);
  }

  async remove(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      // One shape per list length; a record has a handful of reminders, so few shapes.
      await writeCached(
        this.ctx,
        `reminders:remove:${chunk.length}`,
        [this.ctx.tenantId, ...chunk],
        () =>
          this.ctx.db
            .deleteFrom('reminders')
            .where('tenant_id', '=', this.ctx.tenantId)
            .where('id', 'in', chunk),
        { entity: 'reminder' },
      );
    }
  }

  /**
   * The oldest open reminders of these people, due by `at`. Each person's are one range of the
   * open-reminders index (migration 0024), read oldest first; the database merges the ranges and
   * stops at `limit` (SQLite's MERGE of co-routines, PostgreSQL's Merge Append), then reads only
   * the rows it keeps: work is O(people + limit), not every reminder the people ever had.
   *
   * One person (a rep's own list, the most asked of them) is that index's range alone, read in
   * order and cut at `limit`: one prepared statement whose text is the same whoever asks (on
   * PostgreSQL planned once per connection, not per call, as the merged text was: 0.4–2.7 ms of
   * planning against 0.7 of execution at 100k), no sort and no second read by id.
   */
  async due(userIds: readonly string[], at: Instant, limit: number): Promise<Reminder[]> {
    const users = [...new Set(userIds)];
    if (users.length === 0) return [];
    const { ctx } = this;
    const t = ctx.engine.encodeInstant(at);
    const open = (users: readonly string[]) =>
      ctx.db
        .selectFrom('reminders')
        .where('tenant_id', '=', ctx.tenantId)
        .where((eb) => (users.length === 1 ? eb('user_id', '=', users[0]) : eb('user_id', 'in', [...users])))
        .where('due_at', '<=', t)
        // Repeats the index's WHERE, so both engines may use the partial index.
        .where('acknowledged_at', 'is', null)
        .where((eb) => eb.or([eb('snoozed_until', 'is', null), eb('snoozed_until', '<=', t)]));
    if (users.length === 1) {
      const { rows } = await executeCached<AnyRow>(
        ctx,
        `reminders:due:one:${limit}`,
        [ctx.tenantId, users[0], t, t],
        () => open(users).select(REMINDER_COLUMNS).orderBy('due_at').orderBy('id').limit(literalLimit(limit)),
      );
      return rows.map((r) => this.decode(r));
    }
    // Past MAX_MERGED_PEOPLE the statement would grow too long: one scan of them all, sorted.
    const arms = (users.length <= MAX_MERGED_PEOPLE ? users.map((u) => [u]) : [users]).map((u) =>
      open(u).select(['id', 'due_at']),
    );
    let merged = arms[0] as NonNullable<(typeof arms)[number]>;
    for (const arm of arms.slice(1)) merged = merged.unionAll(arm);
    const keys = merged.orderBy('due_at').orderBy('id').limit(literalLimit(limit));
    const rows = await ctx.db
      .selectFrom('reminders as r')
      .innerJoin(keys.as('k'), (join) => join.onRef('k.id', '=', 'r.id'))
      .select(REMINDER_COLUMNS.map((c) => `r.${c}` as const))
      .where('r.tenant_id', '=', ctx.tenantId)
      .orderBy('r.due_at')
      .orderBy('r.id')
      .execute();
    return rows.map((r) => this.decode(r));
  }

  dueByUser(query: DueByUserQuery): Promise<UserDue[]> {
    return remindersDueByUser(this.ctx, query, (row) => this.decode(row));
  }

  async escalationsDue(at: Instant, limit: number): Promise<Reminder[]> {
    const rows = await this.base()
      .where('escalate_at', '<=', this.ctx.engine.encodeInstant(at))
      .where('acknowledged_at', 'is', null)
      .where('escalated_at', 'is', null)
      .orderBy('escalate_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => this.decode(r));
  }

  async claimDue(workerId: string, at: Instant, limit: number, leaseMs: number): Promise<ReminderClaim[]> {
    const rows = await claimLeased(
      this.ctx,
      DELIVERY_LEASE,
      (eb, t) =>
        eb.and([
          eb('due_at', '<=', t),
          eb('acknowledged_at', 'is', null),
          eb.or([eb('snoozed_until', 'is', null), eb('snoozed_until', '<=', t)]),
        ]),
      workerId,
      at,
      limit,
      leaseMs,
    );
    return this.claims(rows, DELIVERY_LEASE.fence, (r) => r.dueAt);
  }

  markDelivered(claims: readonly ReminderClaim[], at: Instant): Promise<string[]> {
    return markLeased(this.ctx, DELIVERY_LEASE, claims, at);
  }

  async claimEscalations(
    workerId: string,
    at: Instant,
    limit: number,
    leaseMs: number,
  ): Promise<ReminderClaim[]> {
    // Snoozing does not hold the escalation back (as in `escalationsDue`); acknowledging does.
    const rows = await claimLeased(
      this.ctx,
      ESCALATION_LEASE,
      (eb, t) => eb.and([eb('escalate_at', '<=', t), eb('acknowledged_at', 'is', null)]),
      workerId,
      at,
      limit,
      leaseMs,
    );
    return this.claims(rows, ESCALATION_LEASE.fence, (r) => r.escalateAt as Instant);
  }

  markEscalated(claims: readonly ReminderClaim[], at: Instant): Promise<string[]> {
    return markLeased(this.ctx, ESCALATION_LEASE, claims, at);
  }

  /** Claimed rows → claims, oldest first by `instant`, then id. */
  private claims(rows: AnyRow[], fence: string, instant: (r: Reminder) => Instant): ReminderClaim[] {
    return rows
      .map((row) => ({ reminder: this.decode(row), fence: this.ctx.engine.decodeInt(row[fence]) }))
      .sort((a, b) => {
        const x = instant(a.reminder);
        const y = instant(b.reminder);
        if (x !== y) return x < y ? -1 : 1;
        return a.reminder.id < b.reminder.id ? -1 : 1;
      });
  }

  private base() {
    return this.ctx.db.selectFrom('reminders').selectAll().where('tenant_id', '=', this.ctx.tenantId);
  }

  private encode(r: Reminder): Record<string, unknown> {
    const { engine } = this.ctx;
    const at = (v: Instant | null) => (v === null ? null : engine.encodeInstant(v));
    return {
      key: r.key,
      kind: r.kind,
      subject_type: r.subjectType,
      subject_id: r.subjectId,
      user_id: r.userId,
      due_at: engine.encodeInstant(r.dueAt),
      escalate_at: at(r.escalateAt),
      message: r.message,
      message_key: r.detail?.key ?? null,
      message_params: r.detail ? engine.encodeJson(r.detail.params) : null,
      acknowledged_at: at(r.acknowledgedAt),
      snoozed_until: at(r.snoozedUntil),
      delivered_at: at(r.deliveredAt),
      escalated_at: at(r.escalatedAt),
      version: r.version,
    };
  }

  private decode(row: AnyRow): Reminder {
    const { engine } = this.ctx;
    const at = (v: unknown) => (v === null || v === undefined ? null : engine.decodeInstant(v));
    return {
      tenantId: row.tenant_id,
      id: row.id,
      key: row.key,
      kind: row.kind,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      userId: row.user_id,
      dueAt: engine.decodeInstant(row.due_at),
      escalateAt: at(row.escalate_at),
      message: row.message,
      detail:
        row.message_key === null || row.message_key === undefined
          ? null
          : { key: row.message_key, params: (engine.decodeJson(row.message_params) ?? {}) as MessageParams },
      acknowledgedAt: at(row.acknowledged_at),
      snoozedUntil: at(row.snoozed_until),
      deliveredAt: at(row.delivered_at),
      escalatedAt: at(row.escalated_at),
      version: engine.decodeInt(row.version),
    };
  }
}
