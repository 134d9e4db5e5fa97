import type { Page } from '../domain/common.js';
import { checkCustomFilter } from '../domain/custom-field-check.js';
import type { CustomFieldKind } from '../domain/custom-fields.js';
import type { RecordStore } from '../storage/repositories.js';
import type { CommandContext } from './context.js';
import { stripUndefined } from './strip-undefined.js';

/** A parsed list query: the page size, the cursor to continue from, and the filters. */
type ParsedListQuery = { limit: number; cursor?: string | undefined } & object;

/**
 * One page of the rows of `store` the actor may see, filtered by a parsed list query. The scope is
 * compiled into the storage's query, so rows the actor may not see are never read. `customKind`
 * names the record kind whose declared custom fields a `custom` condition may name.
 */
export function listPage<T, F>(
  ctx: CommandContext,
  store: RecordStore<T, F>,
  query: ParsedListQuery,
  customKind?: CustomFieldKind,
): Promise<Page<T>> {
  const { limit, cursor, ...where } = query;
  return pageOf(ctx, store, stripUndefined(where) as F, { limit, cursor }, customKind);
}

/** One page of the visible rows of `store` matching a filter the command built itself. */
export function pageOf<T, F>(
  ctx: CommandContext,
  store: RecordStore<T, F>,
  where: F,
  page: { limit: number; cursor?: string | undefined },
  customKind?: CustomFieldKind,
): Promise<Page<T>> {
  const custom = (where as { custom?: unknown } | undefined)?.custom;
  if (custom !== undefined) checkCustomFilter(ctx.settings.customFields, customKind, custom);
  return store.list({
    where,
    scope: ctx.scope(),
    limit: page.limit,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
}
