import { CompiledQuery } from 'kysely';
import { type ColumnKind, encodeCell } from '../engine/sql-engine.js';
import { withParameters } from '../fixed-query.js';
import { filterWhere } from './compile-where.js';
import { BASE_COLUMN_KINDS, type FilterSpec } from './record-spec.js';
import { whereFragment } from './slot-statement.js';
import type { StoreContext } from './store-context.js';

/** The filter half of a RecordSpec. */
export interface FilterSpecs {
  filters: Readonly<Record<string, FilterSpec>>;
  columns: Readonly<Record<string, ColumnKind>>;
}

/** Fragment texts by table and filter shape (PostgreSQL). Holds no data: parameters are never kept. */
const fragments = new Map<string, CompiledQuery>();

/**
 * `whereFragment` of `where`'s filters (PostgreSQL, id lists as arrays), compiled by Kysely only
 * the first time its shape is seen: a report compiled its period and stage filters per call, a
 * tenth of its Node CPU. Only filters whose text depends on nothing but which of them are set
 * (`in` with values, `eq` with a value, `range`) are kept; their parameters are the encoded values
 * in the filters' order, and a shape is kept only if Kysely's own parameters were exactly those.
 */
export function filterFragment(
  ctx: StoreContext,
  table: string,
  spec: FilterSpecs,
  where: object | undefined,
): CompiledQuery {
  const plan = ctx.engine.name === 'postgres' ? shapeOf(ctx, table, spec, where) : null;
  const known = plan === null ? undefined : fragments.get(plan.key);
  if (plan !== null && known !== undefined) return withParameters(known, plan.parameters);
  const compiled = whereFragment(ctx, table, (eb) =>
    eb.and(filterWhere(eb, ctx.engine, spec.filters, spec.columns, where, 't', true)),
  );
  if (plan !== null && sameValues(compiled.parameters, plan.parameters))
    fragments.set(plan.key, CompiledQuery.raw(compiled.sql));
  return compiled;
}

/** The shape's key and this call's parameters, or null when the text may depend on the values. */
function shapeOf(
  ctx: StoreContext,
  table: string,
  spec: FilterSpecs,
  where: object | undefined,
): { key: string; parameters: unknown[] } | null {
  const parts: string[] = [table];
  const parameters: unknown[] = [];
  for (const [name, value] of Object.entries(where ?? {})) {
    if (value === undefined) continue;
    const filter = spec.filters[name];
    if (filter === undefined) return null;
    const kind = spec.columns[filter.column] ?? BASE_COLUMN_KINDS[filter.column] ?? 'text';
    const enc = (v: unknown) => encodeCell(ctx.engine, kind, v);
    parts.push(`${name}=${filter.column}:${kind}:${filter.op}`);
    if (filter.op === 'in') {
      const values = Array.isArray(value) ? value : [value];
      if (values.length === 0) return null;
      parameters.push(values.map(enc));
    } else if (filter.op === 'eq') {
      if (value === null) return null;
      parameters.push(enc(value));
    } else if (filter.op === 'range') {
      const { from, to } = value as { from?: unknown; to?: unknown };
      parts.push(`${from !== undefined}:${to !== undefined}`);
      if (from !== undefined) parameters.push(enc(from));
      if (to !== undefined) parameters.push(enc(to));
    } else return null;
  }
  return { key: parts.join('\u0000'), parameters };
}

/** Equal parameter lists: arrays (an `in` list) element by element, anything else by identity. */
function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i];
    if (!Array.isArray(x) || !Array.isArray(y)) return x === y;
    return x.length === y.length && x.every((v, j) => v === y[j]);
  });
}
