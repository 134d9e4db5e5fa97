import type { RowScope } from '@gongfu/core';
import type { Expression, SqlBool } from 'kysely';
import type { AnyExpressionBuilder } from '../any-db.js';
import { literalLimit, tenantRowsWhere } from './compile-where.js';
import type { CursorKey } from './cursor.js';
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
): Promise<{ doc: unknown }[]> {
  const { engine } = ctx;
  const scoped = scope.kind === 'scoped' ? scope : null;
  const build = (slot: SlotOf) => {
    const tenant = slot<string>('tenant');
    const bound = { ownerIds: slot('owners'), memberIds: slot('members') };
    const cursor = after === null ? null : { at: slot('at'), id: slot('afterId') };
    // The document alone: the order's columns are the index's, and a page reads its cursor from
    // the last document (a team's week decoded 564 timestamps a call that it never read).
    return ctx.db
      .selectFrom(`${spec.table} as t`)
      .select('t.doc')
      .where((eb) =>
        tenantRowsWhere(eb, spec, scope, engine, tenant, filtersMark(), scoped === null ? undefined : bound),
      )
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
  };
  const access = scoped === null ? scope.kind : scoped.minAccess;
  const sizes = scoped === null ? '' : `${scoped.ownerIds.length > 0}:${scoped.memberIds.length > 0}`;
  return runPageTemplate(
    ctx,
    `${spec.table}:walk:${access}:${sizes}:${after !== null}:${limit}`,
    pageSlots(ctx, scope, after),
    build,
    spec.table,
    filtered ? filters : null,
    // Unfiltered, the walk of the page index is the plan whoever asks; PostgreSQL would plan it
    // anew per call, since the scope's ids change its estimates (not its best plan). A list's own
    // filters (one customer's rows) choose the index by their values: planned per call, unless the
    // caller says they do not (`planOnce`: a calendar's owners and dates).
    !filtered || planOnce,
  );
}
