import { type DueByUserQuery, type Reminder, type UserDue, ValidationError } from '@gongfu/core';
import { sql } from 'kysely';
import type { AnyRow } from '../any-db.js';
import { literalLimit } from '../records/compile-where.js';
import type { StoreContext } from '../records/store-context.js';

/** The most reminders a person's list may hold: a screen, not an export. */
const MAX_PER_USER = 500;
/** Most people read one index range each; past this the statement would grow too long. */
const MAX_ARMS = 200;

/**
 * Each person's first `perUser` due reminders of some kinds and the count of the rest. The count
 * comes from the open-reminders index alone (its `kind` column, migration 0120, keeps the kind
 * test in the index: at 1M a team of fifty has ~75,000 overdue follow-ups, counted, never fetched).
 * SQLite: two statements, one reading each person's first rows (an index range each, cut at
 * `perUser`, ranges glued by UNION ALL), the other counting by person. PostgreSQL: one statement
 * of LATERAL pairs (`postgresRows`).
 */
export async function remindersDueByUser(
  ctx: StoreContext,
  query: DueByUserQuery,
  decode: (row: AnyRow) => Reminder,
): Promise<UserDue[]> {
  checkPerUser(query.perUser);
  const users = [...new Set(query.userIds)];
  const byUser = new Map(users.map((userId): [string, UserDue] => [userId, { userId, items: [], more: 0 }]));
  const kinds = [...new Set(query.kinds)];
  if (users.length === 0 || kinds.length === 0) return [...byUser.values()];
  if (ctx.engine.name === 'postgres')
    return fillIn(byUser, await postgresRows(ctx, users, kinds, query), ctx, decode);
  const t = ctx.engine.encodeInstant(query.at);
  const due = (who: readonly string[]) =>
    ctx.db
      .selectFrom('reminders')
      .where('tenant_id', '=', ctx.tenantId)
      .where((eb) => (who.length === 1 ? eb('user_id', '=', who[0]) : eb('user_id', 'in', [...who])))
      .where('due_at', '<=', t)
      // Repeats the partial index's WHERE, so both engines may use it.
      .where('acknowledged_at', 'is', null)
      .where((eb) => eb.or([eb('snoozed_until', 'is', null), eb('snoozed_until', '<=', t)]))
      .where('kind', 'in', kinds);
  const limit = literalLimit(query.perUser);
  const firstIds =
    users.length <= MAX_ARMS
      ? users
          .map((u, i) =>
            ctx.db
              .selectFrom(due([u]).select('id').orderBy('due_at').orderBy('id').limit(limit).as(`p${i}`))
              .select('id'),
          )
          .reduce((all, arm) => all.unionAll(arm))
      : ctx.db
          .selectFrom(
            due(users)
              .select([
                'id',
                sql<number>`row_number() over (partition by user_id order by due_at, id)`.as('rn'),
              ])
              .as('w'),
          )
          .select('id')
          .where('w.rn', '<=', limit);
  const [rows, counts] = await Promise.all([
    ctx.db
      .selectFrom('reminders as r')
      .innerJoin(firstIds.as('k'), (join) => join.onRef('k.id', '=', 'r.id'))
      .selectAll('r')
      .where('r.tenant_id', '=', ctx.tenantId)
      .orderBy('r.due_at')
      .orderBy('r.id')
      .execute(),
    due(users)
      .select(['user_id', (eb) => eb.fn.countAll().as('n')])
      .groupBy('user_id')
      .execute(),
  ]);
  for (const row of rows) byUser.get(row.user_id as string)?.items.push(decode(row));
  for (const row of counts) {
    const person = byUser.get(row.user_id as string);
    if (person !== undefined) person.more = ctx.engine.decodeInt(row.n) - person.items.length;
  }
  return [...byUser.values()];
}

interface PersonRow extends AnyRow {
  who: string;
  n: unknown;
}

/**
 * PostgreSQL: one statement, each person a LATERAL pair — their count (an index-only scan of
 * their range) and their first rows (the same range, stopped at `perUser`). Its text depends only
 * on `perUser` and the ids travel as arrays, so it is prepared once and planned once: the union of
 * fifty arms it replaces took longer to plan (9–36 ms at load 15) than to run.
 */
async function postgresRows(
  ctx: StoreContext,
  users: readonly string[],
  kinds: readonly string[],
  query: DueByUserQuery,
): Promise<PersonRow[]> {
  const t = ctx.engine.encodeInstant(query.at);
  const due = (alias: string) => sql`${sql.ref(`${alias}.tenant_id`)} = ${ctx.tenantId}
    and ${sql.ref(`${alias}.user_id`)} = u.who and ${sql.ref(`${alias}.due_at`)} <= ${t}
    and ${sql.ref(`${alias}.acknowledged_at`)} is null
    and (${sql.ref(`${alias}.snoozed_until`)} is null or ${sql.ref(`${alias}.snoozed_until`)} <= ${t})
    and ${sql.ref(`${alias}.kind`)} = any(${[...kinds]}::text[])`;
  const statement = sql<PersonRow>`select u.who, c.n, r.* from unnest(${[...users]}::text[]) with ordinality as u(who, ord)
    cross join lateral (select count(*) as n from reminders as d where ${due('d')}) as c
    left join lateral (select * from reminders as f where ${due('f')}
      order by f.due_at, f.id limit ${literalLimit(query.perUser)}) as r on true
    order by u.ord, r.due_at, r.id`;
  return (await ctx.execute(statement.compile(ctx.db), { hot: true, genericPlan: true })).rows;
}

/** Each person's rows (a row without an id: nothing listed) into their entry; the count less those listed. */
function fillIn(
  byUser: Map<string, UserDue>,
  rows: readonly PersonRow[],
  ctx: StoreContext,
  decode: (row: AnyRow) => Reminder,
): UserDue[] {
  for (const row of rows) {
    const person = byUser.get(row.who);
    if (person === undefined) continue;
    if (row.id !== null && row.id !== undefined) person.items.push(decode(row));
    person.more = ctx.engine.decodeInt(row.n) - person.items.length;
  }
  return [...byUser.values()];
}

function checkPerUser(perUser: number): void {
  if (!Number.isInteger(perUser) || perUser < 1 || perUser > MAX_PER_USER)
    throw new ValidationError([
      { field: 'perUser', message: `perUser must be an integer from 1 to ${MAX_PER_USER}` },
    ]);
}
