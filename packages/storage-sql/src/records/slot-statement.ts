import { StorageError } from '@gongfu/core';
import { type Compilable, CompiledQuery, type Expression, type SqlBool, sql } from 'kysely';
import type { AnyExpressionBuilder } from '../any-db.js';
import type { StoreContext } from './store-context.js';

/** A named parameter a statement was built with once, bound to this call's value on every run. */
class Slot {
  constructor(readonly name: string) {}
}

/**
 * Gives the builder each named value as it wants it: this call's value, or (while the template of a
 * shape is built) a stand-in the compiled parameters are later matched against.
 */
export type SlotOf = <T>(name: string) => T;

interface Template {
  query: CompiledQuery;
  /** The compiled parameters: a Slot where a named value goes, else a constant of the shape. */
  recipe: readonly unknown[];
}

const templates = new Map<string, Template>();

/**
 * The statement of `shape` for these values, built and compiled by Kysely only the first time.
 * Where `compiledFor` needs the caller to know its parameters' order, here the builder names the
 * values it takes (`slot('tenant')`), so one value may appear several times and in any order: the
 * first build sees stand-ins, and every later call binds its own values in their places. Whatever
 * the builder does not take through `slot` is written into the template as is, so `shape` must
 * name everything else the text or its constants depend on (table, access level, limit, cursor or
 * not). A scoped page costs one small array per call instead of a Kysely tree of 25 ranges.
 */
export function slotStatement<R>(
  ctx: StoreContext,
  shape: string,
  values: Readonly<Record<string, unknown>>,
  build: (slot: SlotOf) => Compilable<R>,
): CompiledQuery<R> {
  const key = `${ctx.engine.name}\u0000${shape}`;
  let template = templates.get(key);
  if (template === undefined) {
    const slots = new Map<string, Slot>();
    const standIn = <T>(name: string): T => {
      if (!(name in values)) throw new Error(`slotStatement ${shape}: no value named ${name}`);
      let slot = slots.get(name);
      if (slot === undefined) {
        slot = new Slot(name);
        slots.set(name, slot);
      }
      return slot as T;
    };
    const compiled = build(standIn).compile();
    template =
      ctx.engine.name === 'postgres'
        ? oneParameterPerSlot(compiled.sql, compiled.parameters)
        : { query: CompiledQuery.raw(compiled.sql), recipe: compiled.parameters };
    templates.set(key, template);
  }
  const { query, recipe } = template;
  return {
    sql: query.sql,
    query: query.query,
    queryId: query.queryId,
    parameters: recipe.map((p) => (p instanceof Slot ? values[p.name] : p)),
  } as CompiledQuery<R>;
}

/**
 * Kysely gives every use of a value its own `$n`: a manager's ids went out twelve times a page.
 * PostgreSQL's numbered parameters can be used more than once, so each slot keeps the number of
 * its first use. Only when the text's placeholders are exactly $1…$n, each once (nothing else in
 * it looks like one), is it rewritten.
 */
function oneParameterPerSlot(text: string, parameters: readonly unknown[]): Template {
  const seen = text.match(/\$\d+/g) ?? [];
  const plain = seen.length === parameters.length && seen.every((p, i) => p === `$${i + 1}`);
  if (!plain) return { query: CompiledQuery.raw(text), recipe: parameters };
  const recipe: unknown[] = [];
  const numberOf = new Map<unknown, number>();
  const renumbered = parameters.map((p) => {
    const known = p instanceof Slot ? numberOf.get(p) : undefined;
    if (known !== undefined) return known;
    recipe.push(p);
    if (p instanceof Slot) numberOf.set(p, recipe.length);
    return recipe.length;
  });
  let i = 0;
  return { query: CompiledQuery.raw(text.replace(/\$\d+/g, () => `$${renumbered[i++]}`)), recipe };
}

/** Where a template takes a per-call fragment (`spliceFragment`): a list's own filters. */
export const FILTERS_MARK = '/*filters*/ true';

/** The condition a template holds in place of the list's filters until `spliceFragment`. */
export const filtersMark = (): Expression<SqlBool> => sql<SqlBool>`${sql.raw(FILTERS_MARK)}`;

/**
 * The WHERE condition of `filters` alone, compiled: its text and its parameters ($1…$n). Only the
 * condition is kept (the statement around it is a fixed SELECT of `table`).
 */
export function whereFragment(
  ctx: StoreContext,
  table: string,
  filters: (eb: AnyExpressionBuilder) => Expression<SqlBool>,
): CompiledQuery {
  const compiled = ctx.db.selectFrom(`${table} as t`).select(sql.lit(1).as('one')).where(filters).compile();
  const at = compiled.sql.indexOf(' where ');
  if (at < 0) throw new StorageError('a filter compiled without a WHERE');
  return CompiledQuery.raw(compiled.sql.slice(at + ' where '.length), [...compiled.parameters]);
}

/**
 * `query` with `fragment` (or `true`) wherever its text holds `mark`, the fragment's parameters
 * numbered after the query's own (PostgreSQL: every copy of the fragment shares them).
 */
export function spliceFragment<R>(
  query: CompiledQuery<R>,
  mark: string,
  fragment: CompiledQuery | null,
): CompiledQuery<R> {
  if (fragment === null) {
    return { ...query, sql: query.sql.split(mark).join('true') };
  }
  const offset = query.parameters.length;
  const seen = fragment.sql.match(/\$\d+/g) ?? [];
  if (seen.length !== fragment.parameters.length || seen.some((p, i) => p !== `$${i + 1}`))
    throw new StorageError('a filter fragment whose parameters are not $1…$n in order');
  const text = fragment.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
  return {
    ...query,
    sql: query.sql.split(mark).join(`(${text})`),
    parameters: [...query.parameters, ...fragment.parameters],
  };
}
