import {
  type DueByUserQuery,
  type DueGroup,
  type Reminder,
  type UserDue,
  ValidationError,
} from '@gongfu/core';
import { sql } from 'kysely';
import type { AnyRow } from '../any-db.js';
import { literalLimit } from '../records/compile-where.js';
import { executeCached } from '../records/compiled-cache.js';
import type { StoreContext } from '../records/store-context.js';

/** The most reminders a person's list may hold: a screen, not an export. */
const MAX_PER_USER = 500;
const MAX_GROUPS = 8;
const MAX_COUNT = 100_000;
/** SQLite: (person, kind) ranges read in one statement; its compound SELECT allows 500 terms. */
const MAX_ARMS = 400;

type Decode = (row: AnyRow) => Reminder;
/** One (person, kind) range: how many are due (up to the cap) and its first rows. */
interface Range {
  user: string;
  kind: string;
  n: number;
  rows: Reminder[];
}

/**
 * Each person's first `perUser` due reminders of each kind group and a count of the rest up to
 * `countUpTo`. Every (person, kind) is a range of the open-reminders-by-kind index (migration
 * 0120): its count stops at `countUpTo` and its first rows at `perUser`, so the work is bounded
 * by people × kinds × (`countUpTo` + `perUser`) index entries, not by the backlog (at 1M the
 * bench's team of fifty has ~80,000 overdue follow-ups), and a kind nobody has costs one probe.
 * A group's list is its kinds' first rows merged by due time, then id.
 */
export async function remindersDueByUser(
  ctx: StoreContext,
  query: DueByUserQuery,
  decode: Decode,
): Promise<UserDue[]> {
  checkQuery(query);
  const users = [...new Set(query.userIds)];
  const groups = query.kindGroups.map((g) => [...new Set(g)]);
  const kinds = [...new Set(groups.flat())];
  const ranges =
    users.length === 0 || kinds.length === 0
      ? []
      : ctx.engine.name === 'postgres'
        ? await postgresRanges(ctx, users, kinds, query, decode)
        : await sqliteRanges(ctx, users, kinds, query, decode);
  const of = new Map(ranges.map((r) => [`${r.user}\u0000${r.kind}`, r]));
  return users.map((userId) => ({
    userId,
    groups: groups.map((group): DueGroup => {
      const inGroup = group.flatMap((kind) => of.get(`${userId}\u0000${kind}`) ?? []);
      const items = inGroup
        .flatMap((r) => r.rows)
        .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id < b.id ? -1 : 1))
        .slice(0, query.perUser);
      const due = Math.min(
        query.countUpTo,
        inGroup.reduce((n, r) => n + r.n, 0),
      );
      return { items, more: due - items.length };
    }),
  }));
}

/**
 * SQLite: the ranges' capped counts in one statement (one arm per person and kind), then the
 * first rows of the ranges that have any in another. Past MAX_ARMS (an admin's review of
 * everyone), one statement numbers and counts every person's due rows by kind: unbounded, but
 * within SQLite's limit on a compound SELECT.
 */
async function sqliteRanges(
  ctx: StoreContext,
  users: readonly string[],
  kinds: readonly string[],
  query: DueByUserQuery,
  decode: Decode,
): Promise<Range[]> {
  const t = ctx.engine.encodeInstant(query.at);
  const due = (who: readonly string[], kind: readonly string[]) =>
    ctx.db
      .selectFrom('reminders')
      .where('tenant_id', '=', ctx.tenantId)
      .where((eb) => (who.length === 1 ? eb('user_id', '=', who[0]) : eb('user_id', 'in', [...who])))
      .where((eb) => (kind.length === 1 ? eb('kind', '=', kind[0]) : eb('kind', 'in', [...kind])))
      .where('due_at', '<=', t)
      // Repeats the partial index's WHERE, so it is used.
      .where('acknowledged_at', 'is', null)
      .where((eb) => eb.or([eb('snoozed_until', 'is', null), eb('snoozed_until', '<=', t)]));
  const pairs = users.flatMap((user) => kinds.map((kind) => ({ user, kind })));
  if (pairs.length > MAX_ARMS) {
    const rows = await ctx.db
      .selectFrom(
        due(users, kinds)
          .selectAll()
          .select(sql<number>`row_number() over (partition by user_id, kind order by due_at, id)`.as('rn'))
          .select(sql<number>`count(*) over (partition by user_id, kind)`.as('n'))
          .as('w'),
      )
      .selectAll()
      .where('rn', '<=', literalLimit(query.perUser))
      .execute();
    return rangesOf(rows, ctx, decode);
  }
  const cap = literalLimit(query.countUpTo);
  // Cached by shape: building and compiling a union of 100–400 arms cost more than running it.
  const { rows: counts } = await executeCached<AnyRow>(
    ctx,
    `reminders:dueByUser:counts:${pairs.length}:${query.countUpTo}`,
    pairs.flatMap(({ user, kind }) => [user, kind, ctx.tenantId, user, kind, t, t]),
    () =>
      pairs
        .map(({ user, kind }, i) =>
          ctx.db
            .selectFrom(due([user], [kind]).select(sql.lit(1).as('one')).limit(cap).as(`c${i}`))
            .select([
              sql.val(user).as('user_id'),
              sql.val(kind).as('kind'),
              (eb) => eb.fn.countAll().as('n'),
            ]),
        )
        .reduce((union, arm) => union.unionAll(arm)),
  );
  const found = counts.filter((c) => ctx.engine.decodeInt(c.n) > 0);
  if (found.length === 0) return [];
  const limit = literalLimit(query.perUser);
  const { rows } = await executeCached<AnyRow>(
    ctx,
    `reminders:dueByUser:first:${found.length}:${query.perUser}`,
    [...found.flatMap((c) => [ctx.tenantId, c.user_id, c.kind, t, t]), ctx.tenantId],
    () =>
      ctx.db
        .selectFrom('reminders as r')
        .innerJoin(
          found
            .map((c, i) =>
              ctx.db
                .selectFrom(
                  due([c.user_id as string], [c.kind as string])
                    .select('id')
                    .orderBy('due_at')
                    .orderBy('id')
                    .limit(limit)
                    .as(`p${i}`),
                )
                .select(['id', sql.lit(i).as('pair')]),
            )
            .reduce((union, arm) => union.unionAll(arm))
            .as('k'),
          (join) => join.onRef('k.id', '=', 'r.id'),
        )
        .selectAll('r')
        .where('r.tenant_id', '=', ctx.tenantId),
  );
  const ranges = found.map(
    (c): Range => ({
      user: c.user_id as string,
      kind: c.kind as string,
      n: ctx.engine.decodeInt(c.n),
      rows: [],
    }),
  );
  const at = new Map(ranges.map((r) => [`${r.user}\u0000${r.kind}`, r]));
  for (const row of rows) at.get(`${row.user_id}\u0000${row.kind}`)?.rows.push(decode(row));
  return ranges;
}

/** Rows carrying their range's `n` (and maybe no reminder: `id` null) → ranges. */
function rangesOf(rows: readonly AnyRow[], ctx: StoreContext, decode: Decode): Range[] {
  const ranges = new Map<string, Range>();
  for (const row of rows) {
    const user = (row.who ?? row.user_id) as string;
    const kind = (row.what ?? row.kind) as string;
    const key = `${user}\u0000${kind}`;
    const range = ranges.get(key) ?? { user, kind, n: ctx.engine.decodeInt(row.n), rows: [] };
    ranges.set(key, range);
    if (row.id !== null && row.id !== undefined) range.rows.push(decode(row));
  }
  return [...ranges.values()];
}

/**
 * PostgreSQL: one statement, each (person, kind) a LATERAL pair — its count stopped at
 * `countUpTo` and its first rows stopped at `perUser`, both from the same index range. Its text
 * depends only on the two limits and the ids travel as arrays, so it is prepared once and planned
 * once: a union of fifty arms took longer to plan (9–36 ms at load 15) than to run.
 */
async function postgresRanges(
  ctx: StoreContext,
  users: readonly string[],
  kinds: readonly string[],
  query: DueByUserQuery,
  decode: Decode,
): Promise<Range[]> {
  const t = ctx.engine.encodeInstant(query.at);
  const due = (alias: string) => sql`${sql.ref(`${alias}.tenant_id`)} = ${ctx.tenantId}
    and ${sql.ref(`${alias}.user_id`)} = u.who and ${sql.ref(`${alias}.kind`)} = k.what
    and ${sql.ref(`${alias}.due_at`)} <= ${t} and ${sql.ref(`${alias}.acknowledged_at`)} is null
    and (${sql.ref(`${alias}.snoozed_until`)} is null or ${sql.ref(`${alias}.snoozed_until`)} <= ${t})`;
  const statement = sql<AnyRow>`select u.who, k.what, c.n, r.* from unnest(${[...users]}::text[]) as u(who)
    cross join unnest(${[...kinds]}::text[]) as k(what)
    cross join lateral (select count(*) as n from (select 1 from reminders as d where ${due('d')}
      limit ${literalLimit(query.countUpTo)}) as x) as c
    left join lateral (select * from reminders as f where ${due('f')}
      order by f.due_at, f.id limit ${literalLimit(query.perUser)}) as r on true
    where c.n > 0`;
  const { rows } = await ctx.execute(statement.compile(ctx.db), { hot: true, genericPlan: true });
  return rangesOf(rows, ctx, decode);
}

function checkQuery(query: DueByUserQuery): void {
  const { perUser, kindGroups, countUpTo } = query;
  if (!Number.isInteger(perUser) || perUser < 1 || perUser > MAX_PER_USER)
    throw new ValidationError([
      { field: 'perUser', message: `perUser must be an integer from 1 to ${MAX_PER_USER}` },
    ]);
  if (!Number.isInteger(countUpTo) || countUpTo < perUser || countUpTo > MAX_COUNT)
    throw new ValidationError([
      { field: 'countUpTo', message: `countUpTo must be an integer from perUser to ${MAX_COUNT}` },
    ]);
  if (kindGroups.length < 1 || kindGroups.length > MAX_GROUPS)
    throw new ValidationError([
      { field: 'kindGroups', message: `1 to ${MAX_GROUPS} groups of reminder kinds` },
    ]);
}
