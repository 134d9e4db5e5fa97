import type { RowScope } from '@gongfu/core';
import type { Compilable, Expression, SqlBool } from 'kysely';
import type { AnyExpressionBuilder } from '../any-db.js';
import type { CursorKey } from './cursor.js';
import { FILTERS_MARK, type SlotOf, slotStatement, spliceFragment, whereFragment } from './slot-statement.js';
import type { StoreContext } from './store-context.js';

/**
 * What a PostgreSQL page template binds per call (`slot('tenant')`, …): the tenant, the scope's
 * owner and member ids as two arrays (empty outside a `scoped` scope) and the cursor.
 */
export function pageSlots(ctx: StoreContext, scope: RowScope, after: CursorKey | null) {
  const scoped = scope.kind === 'scoped' ? scope : null;
  return {
    tenant: ctx.tenantId,
    owners: scoped === null ? [] : [...scoped.ownerIds],
    members: scoped === null ? [] : [...scoped.memberIds],
    at: after === null ? null : ctx.engine.encodeInstant(after.createdAt),
    afterId: after?.id ?? null,
  };
}

/**
 * Runs the page of `shape` as a prepared statement: the template built once (`slotStatement`), the
 * list's own filters (when it has any) compiled apart and spliced where the template holds
 * `filtersMark()`.
 */
export async function runPageTemplate(
  ctx: StoreContext,
  shape: string,
  values: Readonly<Record<string, unknown>>,
  build: (slot: SlotOf) => Compilable<{ doc: unknown }>,
  table: string,
  filters: ((eb: AnyExpressionBuilder) => Expression<SqlBool>) | null,
  /** Its plan does not depend on the values bound (see `ExecuteOptions.genericPlan`). */
  genericPlan = false,
): Promise<{ doc: unknown }[]> {
  const template = slotStatement(ctx, shape, values, build);
  const fragment = filters === null ? null : whereFragment(ctx, table, filters);
  const query = spliceFragment(template, FILTERS_MARK, fragment);
  return (await ctx.execute<{ doc: unknown }>(query, { hot: true, genericPlan })).rows;
}
