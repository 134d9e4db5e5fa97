import type { RecordBase, RowScope } from '@gongfu/core';
import { CompiledQuery } from 'kysely';
import { filterWhere, tenantRowsWhere } from './compile-where.js';
import { BASE_COLUMN_KINDS, type FilterSpec, type RecordSpec } from './record-spec.js';
import { whereFragment } from './slot-statement.js';
import type { StoreContext } from './store-context.js';

/** Fragment texts by table and plain shape: no data, only SQL; one map, as shapes are few. */
const textByShape = new Map<string, string>();

/**
 * The WHERE of a list's rows (tenant, filters, scope) as text and parameters, compiled by Kysely
 * only the first time for a plain shape: every scope-free read whose filters are all `in` lists of
 * text (a team's calendar: fifty owners and two statuses) has the parameters tenant, then each
 * filter's values in the filter's order, so its text depends only on the filters' names and
 * lengths. The text is kept only when the compiled parameters are exactly those, so a shape that
 * does not compile that way simply keeps compiling. Other reads compile every time.
 *
 * `arrays` (PostgreSQL): each `in` list — and a scope's owner and member ids — is one array
 * parameter, so the text does not depend on the lists' lengths either and one prepared statement
 * serves every team's size. A scoped read still compiles every call (its text is not cached).
 */
export function rowsWhere<T extends RecordBase, F>(
  ctx: StoreContext,
  spec: RecordSpec<T, F>,
  scope: RowScope,
  where: object,
  arrays = false,
): CompiledQuery {
  const { engine } = ctx;
  const bound =
    arrays && scope.kind === 'scoped'
      ? { ownerIds: [...scope.ownerIds], memberIds: [...scope.memberIds] }
      : undefined;
  const compile = () =>
    whereFragment(ctx, spec.table, (eb) =>
      tenantRowsWhere(
        eb,
        spec,
        scope,
        engine,
        ctx.tenantId,
        eb.and(filterWhere(eb, engine, spec.filters, spec.columns, where, 't', arrays)),
        bound,
      ),
    );
  const plain = plainShape(spec, scope, where, arrays);
  if (plain === null) return compile();
  const key = `${engine.name}\u0000${spec.table}\u0000${arrays}\u0000${plain.shape}`;
  const parameters = [ctx.tenantId, ...plain.values];
  const text = textByShape.get(key);
  if (text !== undefined) return CompiledQuery.raw(text, parameters);
  const compiled = compile();
  const same =
    compiled.parameters.length === parameters.length &&
    compiled.parameters.every((p, i) => sameValue(p, parameters[i]));
  if (same) textByShape.set(key, compiled.sql);
  return compiled;
}

/** A compiled parameter is the one expected: the same value, or an array of the same values. */
function sameValue(compiled: unknown, expected: unknown): boolean {
  if (!Array.isArray(compiled) || !Array.isArray(expected)) return Object.is(compiled, expected);
  return compiled.length === expected.length && compiled.every((v, i) => Object.is(v, expected[i]));
}

/** The shape and values of a scope-free filter of text `in` lists only; null for any other. */
function plainShape<T extends RecordBase, F>(
  spec: RecordSpec<T, F>,
  scope: RowScope,
  where: object,
  arrays: boolean,
): { shape: string; values: unknown[] } | null {
  if (scope.kind !== 'all') return null;
  const names: string[] = [];
  const values: unknown[] = [];
  for (const [name, value] of Object.entries(where)) {
    if (value === undefined) continue;
    const filter = (spec.filters as Readonly<Record<string, FilterSpec>>)[name];
    if (filter === undefined || filter.op !== 'in') return null;
    const kind = spec.columns[filter.column] ?? BASE_COLUMN_KINDS[filter.column] ?? 'text';
    if (kind !== 'text') return null;
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0 || !list.every((v) => typeof v === 'string')) return null;
    if (arrays) {
      names.push(name);
      values.push(list);
    } else {
      names.push(`${name}:${list.length}`);
      values.push(...list);
    }
  }
  return { shape: names.join(','), values };
}
