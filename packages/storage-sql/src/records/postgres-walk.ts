import type { RowScope } from '@gongfu/core';
import type { Expression, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { AnyExpressionBuilder } from '../any-db.js';
import { literalLimit, tenantRowsWhere } from './compile-where.js';
import type { CursorKey } from './cursor.js';
import type { CustomerRange } from './customer-range.js';
import { pageSlots, runPageTemplate } from './page-template.js';
import type { RecordSpec } from './record-spec.js';
import { filtersMark, type SlotOf } from './slot-statement.js';
import type { StoreContext } from './store-context.js';

type Where = (eb: AnyExpressionBuilder) => Expression<SqlBool>;

/**
 * PostgreSQL's walked page (a wide scope such as the head of a 200-person tree, a customer's
 * records, a team's calendar): newest first through the table with the scope as a filter, exactly
 * the statement the other engines run, but with the scope's ids bound as two arrays and the list's
 * own filters spliced in (`slot-statement.ts`). Its text then depends only on the table, the kind
 * of scope, the shape of the filters, the cursor and the limit, so it is built once and prepared:
 * before, the head of the tree built and sent 400 parameters (and PostgreSQL planned them) per page.
 */
export async function postgresWalk(
  ctx: StoreContext,
  // biome-ignore lint/suspicious/noExplicitAny: any record spec; only its table and scope rules are read.
  spec: RecordSpec<any, any>,
  scope: RowScope,
  filters: Where,
  filtered: boolean,
  after: CursorKey | null,
  limit: number,
  /** `ListQuery.planOnce`: the caller's filters choose the same index whatever their values. */
  planOnce = false,
  /** One customer's rows (`filters` then holds the list's other filters only). */
  customer: CustomerRange | null = null,
): Promise<{ doc: unknown }[]> {
  const { engine } = ctx;
  const scoped = scope.kind === 'scoped' ? scope : null;
  const build = (slot: SlotOf) => {
    const tenant = slot<string>('tenant');
    const bound = { ownerIds: slot('owners'), memberIds: slot('members') };
    const cursor = after === null ? null : { at: slot('at'), id: slot('afterId') };
    const page = (range: ((eb: AnyExpressionBuilder) => Expression<SqlBool>) | null) =>
      ctx.db
        .selectFrom(`${spec.table} as t`)
        .where((eb) =>
          tenantRowsWhere(
            eb,
            spec,
            scope,
            engine,
            tenant,
            filtersMark(),
            scoped === null ? undefined : bound,
          ),
        )
        .$if(range !== null, (qb) => qb.where(range as NonNullable<typeof range>))
        .$if(cursor !== null, (qb) =>
          qb.where((eb) => {
            const { at, id } = cursor as { at: unknown; id: unknown };
            return eb.or([
              eb('t.created_at', '<', at),
              eb.and([eb('t.created_at', '=', at), eb('t.id', '<', id)]),
            ]);
          }),
        )
        .orderBy('t.created_at', 'desc')
        .orderBy('t.id', 'desc')
        .limit(literalLimit(limit + 1));
    // The document alone: the order's columns are the index's, and a page reads its cursor from
    // the last document (a team's week decoded 564 timestamps a call that it never read).
    if (customer === null) return page(null).select('t.doc');
    // One customer's rows: a lateral read per id of its page index (0093), equality and order from
    // the index whatever the statistics say, so the plan is the same for every customer and is made
    // once. With `= any(ids)` the generic plan trusted the column's statistics: a seed whose deals
    // all sit on one account walked 86k pages of the table for a customer of ten (531 ms).
    const range = (eb: AnyExpressionBuilder) => eb(`t.${customer.column}`, '=', eb.ref('c.c'));
    return ctx.db
      .selectFrom(sql`unnest(${slot('customers')}::text[])`.as('c'))
      .innerJoinLateral(page(range).select(['t.doc', 't.created_at', 't.id']).as('r'), (join) =>
        join.onTrue(),
      )
      .select('r.doc')
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(literalLimit(limit + 1));
  };
  const access = scoped === null ? scope.kind : scoped.minAccess;
  const sizes = scoped === null ? '' : `${scoped.ownerIds.length > 0}:${scoped.memberIds.length > 0}`;
  return runPageTemplate(
    ctx,
    `${spec.table}:walk:${access}:${sizes}:${after !== null}:${limit}:${customer?.column ?? ''}`,
    { ...pageSlots(ctx, scope, after), customers: customer?.ids ?? [] },
    build,
    spec.table,
    filtered ? filters : null,
    // Unfiltered, the walk of the page index (or of one customer's) is the plan whoever asks;
    // PostgreSQL would plan it anew per call, since the ids change its estimates (not its best
    // plan). A list's own filters choose the index by their values: planned per call, unless the
    // caller says they do not (`planOnce`: a calendar's owners and dates).
    !filtered || planOnce,
  );
}
