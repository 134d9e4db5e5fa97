import {
  type ClosedBuckets,
  type ClosedGroupBy,
  type ClosedGroupRow,
  type CostFilter,
  type CostGroupBy,
  type FunnelCounts,
  type MoneyGroupRow,
  type OpportunityFilter,
  type PipelineGroupBy,
  type PipelineGroupRow,
  type Range,
  type ReportStore,
  type RowScope,
  ValidationError,
} from '@gongfu/core';
import { type CompiledQuery, type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { AnyExpressionBuilder, AnyRow } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { filterWhere, inIds, scopeWhere } from '../records/compile-where.js';
import { type FilterSpecs, filterFragment } from '../records/filter-fragment.js';
import {
  FILTERS_MARK,
  filtersMark,
  type SlotOf,
  slotStatement,
  spliceFragment,
} from '../records/slot-statement.js';
import { opportunitySpec } from '../records/specs-deals.js';
import { costSpec } from '../records/specs-operations.js';
import type { StoreContext } from '../records/store-context.js';
import { cycleDays, dateMonth, exactInt } from './report-sql.js';

type Eb = AnyExpressionBuilder;
/** The owners of the second arm of a split aggregate (`splitScope`), or null: no split. */
type Split = readonly string[] | null;
// biome-ignore lint/suspicious/noExplicitAny: an arm is a select of rows over any table.
type AnyArm = { as(alias: string): any };
/** Fewest owner ids for which a scope may be split: a rep alone never is most of a tenant. */
const WIDE_SCOPE = 2;
/** The filter half of a RecordSpec: report filters mean exactly what list filters mean. */
type Spec = FilterSpecs;
/**
 * An arm of an aggregate over `part` of the scope. Given `slot` (PostgreSQL) it takes every value
 * that varies per call through it (and its filters through `filtersMark`), so it is built once
 * per shape (`slotStatement`); without, it is built with this call's values.
 */
type ArmOf = (part: RowScope, split: Split, slot: SlotOf | null) => AnyArm;
/** What names an aggregate's text beside its arm's scope: the method, grouping and set bounds. */
interface Shape {
  name: string;
  table: string;
  spec: Spec;
  where: object | undefined;
  /** The per-call values its slots take, beyond the tenant, the scope's ids and the split. */
  values: Readonly<Record<string, unknown>>;
}

/**
 * The one ReportStore: every total is a GROUP BY in the database over the rows the actor may see
 * (the same RowScope SQL as lists), summed as integers so money stays exact on both engines.
 */
export class SqlReportStore implements ReportStore {
  constructor(private readonly ctx: StoreContext) {}

  async costTotals(where: CostFilter | undefined, scope: RowScope, groupBy: CostGroupBy) {
    const needsUser = groupBy === 'channel' || groupBy === 'team';
    const key = this.costKey(groupBy);
    const arm: ArmOf = (part, split, slot) =>
      this.ctx.db
        .selectFrom('cost_entries as t')
        .$if(needsUser, (qb) =>
          // The spender's team: cost rows carry no channel of their own.
          qb.leftJoin('users as u', (join) =>
            join.onRef('u.tenant_id', '=', 't.tenant_id').onRef('u.id', '=', 't.owner_id'),
          ),
        )
        .select([key.as('key'), 't.currency as currency', sql<number>`1`.as('n'), 't.amount_minor as amount'])
        .where((eb) => this.where(eb, costSpec, where, part, split, slot));
    const shape = { name: `costs:${groupBy}`, table: 'cost_entries', spec: costSpec, where, values: {} };
    const rows = await this.splitScope(scope, arm, ['n', 'amount'], shape);
    return sortRows(rows.map((r) => this.moneyRow(r)));
  }

  async pipelineTotals(
    where: OpportunityFilter | undefined,
    scope: RowScope,
    groupBy: PipelineGroupBy,
    thenBy?: PipelineGroupBy,
  ) {
    const rows = await this.ctx.db
      .selectFrom('opportunities as t')
      .select([
        this.pipelineKey(groupBy).as('key'),
        (thenBy === undefined ? sql<null>`null` : this.pipelineKey(thenBy)).as('sub_key'),
        't.currency as currency',
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(t.amount_minor)`.as('amount'),
        // Rounded per deal (half up; amounts are never negative), so the total equals the sum of
        // the weighted figures a user sees deal by deal.
        sql<number>`sum((t.amount_minor * t.probability + 50) / 100)`.as('weighted'),
      ])
      .where((eb) => this.where(eb, opportunitySpec, where, scope))
      .groupBy([sql`1`, sql`2`, sql`3`])
      .execute();
    return sortRows(
      rows.map(
        (r): PipelineGroupRow => ({
          ...this.moneyRow(r),
          subKey: r.sub_key === null || r.sub_key === undefined ? null : String(r.sub_key),
          weighted: exactInt(r.weighted, 'weighted'),
        }),
      ),
    );
  }

  async closedTotals(
    where: OpportunityFilter | undefined,
    scope: RowScope,
    closed: Range,
    groupBy: ClosedGroupBy | ClosedBuckets,
  ) {
    const { engine } = this.ctx;
    const bounds = instantSlots(engine, closed, typeof groupBy === 'object' ? groupBy.bounds : []);
    const won = sql`t.stage = ${sql.lit('won')}`;
    const arm: ArmOf = (part, split, slot) =>
      this.ctx.db
        .selectFrom('opportunities as t')
        .select([
          this.closedKey(groupBy, slot).as('key'),
          't.currency as currency',
          sql<number>`case when ${won} then 1 else 0 end`.as('won'),
          sql<number>`case when t.stage = ${sql.lit('lost')} then 1 else 0 end`.as('lost'),
          sql<number>`case when ${won} then t.amount_minor else 0 end`.as('won_amount'),
          sql<number>`case when ${won} then ${cycleDays(engine)} else 0 end`.as('cycle'),
        ])
        .where((eb) => {
          const parts = [this.where(eb, opportunitySpec, where, part, split, slot)];
          // The outsiders' arm is found by owner: SQLite would rather walk the closing range again,
          // and so would PostgreSQL's generic plan of it (the range's default estimate looks
          // narrower than a few owners): 55–70 ms at 100k reading every deal closed in the period
          // for none kept, against 0.1 ms by the owners' index ranges. The instant, unchanged, is
          // then no index condition (`+ interval '0 seconds'` is not folded away: it is not immutable).
          const at =
            split === null
              ? sql<string>`t.closed_at`
              : engine.name === 'sqlite'
                ? sql<string>`+t.closed_at`
                : sql<string>`(t.closed_at + interval '0 seconds')`;
          parts.push(eb(at, 'is not', null));
          // A deal released as another's duplicate was never a separate sale: not a loss.
          parts.push(eb('t.duplicate_of_id', 'is', null));
          if (closed.from !== undefined) parts.push(eb(at, '>=', bounds.value(slot, 'from')));
          if (closed.to !== undefined) parts.push(eb(at, '<', bounds.value(slot, 'to')));
          return eb.and(parts);
        });
    const grouping = typeof groupBy === 'object' ? `buckets${groupBy.bounds.length}` : groupBy;
    const shape = {
      name: `closed:${grouping}:${closed.from !== undefined}:${closed.to !== undefined}`,
      table: 'opportunities',
      spec: opportunitySpec,
      where,
      values: bounds.values,
    };
    const rows = await this.splitScope(scope, arm, ['won', 'lost', 'won_amount', 'cycle'], shape);
    return sortRows(
      rows.map(
        (r): ClosedGroupRow => ({
          key: r.key === null || r.key === undefined ? null : String(r.key),
          currency: String(r.currency),
          won: exactInt(r.won, 'won'),
          lost: exactInt(r.lost, 'lost'),
          wonAmount: exactInt(r.won_amount, 'wonAmount'),
          wonCycleDays: Number(r.cycle ?? 0),
        }),
      ),
    );
  }

  async funnelCounts(created: Range, scope: RowScope): Promise<FunnelCounts> {
    const count = async (table: string, status?: { column: string; value: string }) => {
      const row = await this.ctx.db
        .selectFrom(`${table} as t`)
        .select(sql<number>`count(*)`.as('n'))
        .where((eb) => {
          const parts = [this.where(eb, { filters: {}, columns: {} }, undefined, scope)];
          const { engine } = this.ctx;
          if (created.from !== undefined)
            parts.push(eb('t.created_at', '>=', engine.encodeInstant(created.from)));
          if (created.to !== undefined) parts.push(eb('t.created_at', '<', engine.encodeInstant(created.to)));
          if (status) parts.push(eb(`t.${status.column}`, '=', status.value));
          // A deal released as another's duplicate is the same opportunity counted twice.
          if (table === 'opportunities') parts.push(eb('t.duplicate_of_id', 'is', null));
          return eb.and(parts);
        })
        .executeTakeFirst();
      return exactInt(row?.n ?? 0, 'count');
    };
    return {
      leads: await count('leads'),
      convertedLeads: await count('leads', { column: 'status', value: 'converted' }),
      opportunities: await count('opportunities'),
      wonOpportunities: await count('opportunities', { column: 'stage', value: 'won' }),
      orders: await count('orders'),
    };
  }

  private where(
    eb: Eb,
    spec: Spec,
    where: object | undefined,
    scope: RowScope,
    split: Split = null,
    slot: SlotOf | null = null,
  ): Expression<SqlBool> {
    const { engine } = this.ctx;
    // PostgreSQL: every id list is one array parameter. The head of the tree's 199 owner ids went
    // out as 199 text parameters, each parsed and typed by the server per call: at 10k that fixed
    // cost was most of the gap to the hand-written statement. The rows and the plan are the same
    // (the server reads `IN (…)` as `= any(array)` itself).
    const arrays = engine.name === 'postgres';
    const tenant = slot === null ? this.ctx.tenantId : slot<string>('tenant');
    const parts: Expression<SqlBool>[] = [eb('t.tenant_id', '=', tenant)];
    if (slot !== null) parts.push(filtersMark());
    else parts.push(...filterWhere(eb, engine, spec.filters, spec.columns, where, 't', arrays));
    if (split !== null) {
      // The other people's rows (and rows nobody owns): a few index ranges of the owner column.
      const ids = slot !== null ? slot('split') : arrays ? [...split] : undefined;
      const others = split.length > 0 ? [inIds(eb, 't.owner_id', split, ids)] : [];
      parts.push(eb.or([eb('t.owner_id', 'is', null), ...others]));
    }
    const bound =
      slot !== null
        ? { ownerIds: slot('owners'), memberIds: slot('members') }
        : arrays && scope.kind === 'scoped'
          ? { ownerIds: [...scope.ownerIds], memberIds: [...scope.memberIds] }
          : undefined;
    const scoped = scopeWhere(eb, scope, 't', this.ctx.engine, tenant, undefined, [], bound);
    if (scoped !== null) parts.push(scoped);
    return eb.and(parts);
  }

  /**
   * An aggregate over a scope that covers most of the tenant's people (the head of the tree), as two
   * arms summed: the rows its people own (`owner_id IN`, the GROUP BY a hand-written report runs),
   * and the rows of everyone else — the few people outside it, or nobody — that a seat of the
   * scope shows. The arms are disjoint by owner, so their sums add up to the one aggregate with the
   * scope's OR, which no engine turns into index ranges. A row's owner is a user of its tenant or
   * nobody (commands refuse an unknown owner; users are never deleted). Narrower scopes keep the
   * one statement.
   *
   * Each arm is its own statement, asked for together (one round trip on PostgreSQL), and the two
   * small results are added here: the owners' arm is then planned exactly as the hand-written
   * statement (a parallel scan with partial aggregates at 100k), which neither a union of the arms'
   * rows (a serial bitmap scan under an Append) nor per-arm aggregates under one statement got.
   */
  private async splitScope(scope: RowScope, arm: ArmOf, sums: readonly string[], shape: Shape) {
    // Each arm selects rows (key, currency and one column per sum); `total` groups and sums them.
    const grouped = (rows: AnyArm) =>
      this.ctx.db
        .selectFrom(rows.as('a'))
        .select([
          'a.key as key',
          'a.currency as currency',
          ...sums.map((c) => sql<number>`sum(${sql.ref(`a.${c}`)})`.as(c)),
        ])
        .groupBy([sql`1`, sql`2`]);
    let filters: CompiledQuery | undefined;
    const total = async (part: RowScope, split: Split, outsiders = false) => {
      if (this.ctx.engine.name !== 'postgres')
        return (await grouped(arm(part, split, null)).execute()) as AnyRow[];
      // PostgreSQL: the text depends only on the shape, so Kysely builds and compiles it once (a
      // fifth of a rollup's Node CPU was building four statements per call); the filters are
      // compiled apart, once per call, and spliced in.
      const template = slotStatement(
        this.ctx,
        armShape(shape, part, split),
        armValues(this.ctx.tenantId, shape, part, split),
        (slot) => grouped(arm(part, split, slot)),
      );
      filters ??= filterFragment(this.ctx, shape.table, shape.spec, shape.where);
      const query = spliceFragment(template, FILTERS_MARK, filters);
      // The outsiders' arm reads a few owners' index ranges and tests the scope's seats on each row,
      // whoever asks: prepared, and planned once (planning its seat subqueries cost more server
      // time than running them: 0.7–3 ms vs 0.1 ms). The owners' arm keeps its custom plan.
      const options = outsiders ? { hot: true, genericPlan: true } : {};
      return (await this.ctx.execute<AnyRow>(query, options)).rows;
    };
    const others = await this.othersThan(scope);
    if (others === null || scope.kind !== 'scoped') return total(scope, null);
    const [owned, seated] = await Promise.all([
      total({ ...scope, memberIds: [] }, null),
      total({ ...scope, ownerIds: [] }, others, true),
    ]);
    return addGroups(owned, seated, sums);
  }

  /** The tenant's other people when the scope covers at least 3/4 of them, else null. */
  private async othersThan(scope: RowScope): Promise<readonly string[] | null> {
    if (scope.kind !== 'scoped' || scope.ownerIds.length < WIDE_SCOPE) return null;
    const mine = new Set(scope.ownerIds);
    // The service's org chart names them (no read); a scope built by hand does not.
    const others = scope.outsiders ?? (await this.userIds()).filter((id) => !mine.has(id));
    return others.length * 3 <= mine.size ? others : null;
  }

  /**
   * The tenant's user ids, read once per transaction (this store lives as long as its transaction):
   * a rollup's cost and revenue aggregates, asked for together, share the one read. Users are
   * never deleted, and reports run in read transactions, so the list cannot go stale before the end.
   */
  private users: Promise<string[]> | undefined;
  private userIds(): Promise<string[]> {
    this.users ??= this.ctx.db
      .selectFrom('users')
      .select('id')
      .where('tenant_id', '=', this.ctx.tenantId)
      .execute()
      .then((rows) => rows.map((r) => String(r.id)));
    return this.users;
  }

  private moneyRow(r: AnyRow): MoneyGroupRow {
    return {
      key: r.key === null || r.key === undefined ? null : String(r.key),
      currency: String(r.currency),
      count: exactInt(r.n, 'count'),
      amount: exactInt(r.amount, 'amount'),
    };
  }

  private costKey(groupBy: CostGroupBy): RawBuilder<unknown> {
    switch (groupBy) {
      case 'opportunity':
        return sql`t.opportunity_id`;
      case 'account':
        return sql`t.account_id`;
      case 'incurred_by':
        return sql`t.owner_id`;
      case 'channel':
        return sql`u.channel`;
      case 'team':
        return sql`u.manager_id`;
      case 'category':
        return sql`t.category`;
      case 'month':
        return dateMonth(this.ctx.engine, sql`t.incurred_on`);
      default:
        throw unknownGroup('groupBy', groupBy);
    }
  }

  private pipelineKey(groupBy: PipelineGroupBy): RawBuilder<unknown> {
    switch (groupBy) {
      case 'stage':
        return sql`t.stage`;
      case 'owner':
        return sql`t.owner_id`;
      case 'channel':
        return sql`t.channel`;
      case 'forecast_category':
        return sql`t.forecast_category`;
      case 'expected_close_month':
        return dateMonth(this.ctx.engine, sql`t.expected_close`);
      default:
        throw unknownGroup('groupBy', groupBy);
    }
  }

  private closedKey(groupBy: ClosedGroupBy | ClosedBuckets, slot: SlotOf | null): RawBuilder<unknown> {
    if (typeof groupBy === 'object') {
      const { engine } = this.ctx;
      const { bounds } = groupBy;
      if (bounds.length === 0) return sql`${sql.lit('0')}`;
      // The first bound the instant is before names its bucket; none: the last bucket.
      const cases = bounds.map((b, i) => {
        const at = slot === null ? engine.encodeInstant(b) : slot(`bound${i}`);
        return sql`when t.closed_at < ${at} then ${sql.lit(String(i))}`;
      });
      return sql`case ${sql.join(cases, sql` `)} else ${sql.lit(String(bounds.length))} end`;
    }
    switch (groupBy) {
      // A constant text key keeps one statement shape (GROUP BY 1, 2) for every grouping.
      case 'none':
        return sql`${sql.lit('all')}`;
      case 'opportunity':
        return sql`t.id`;
      case 'account':
        return sql`t.account_id`;
      case 'owner':
        return sql`t.owner_id`;
      case 'channel':
        return sql`t.channel`;
      default:
        throw unknownGroup('groupBy', groupBy);
    }
  }
}

/**
 * The rows of two aggregates over disjoint rows, added group by group (key and currency). Integer
 * sums stay exact (pg hands big sums back as text, added here as BigInt); a fractional sum (a
 * cycle in days) is added as a number.
 */
function addGroups(a: readonly AnyRow[], b: readonly AnyRow[], sums: readonly string[]): AnyRow[] {
  if (b.length === 0) return [...a];
  const groupOf = (r: AnyRow) => `${r.key ?? '\u0000null'}\u0000${r.currency}`;
  const out = new Map<string, AnyRow>(a.map((r) => [groupOf(r), { ...r }]));
  for (const r of b) {
    const seen = out.get(groupOf(r));
    if (seen === undefined) out.set(groupOf(r), { ...r });
    else for (const c of sums) seen[c] = addSum(seen[c], r[c]);
  }
  return [...out.values()];
}

function addSum(x: unknown, y: unknown): unknown {
  if (x === null || x === undefined) return y;
  if (y === null || y === undefined) return x;
  const whole = (v: unknown) => typeof v === 'bigint' || /^-?\d+$/.test(String(v));
  return whole(x) && whole(y)
    ? (BigInt(x as string) + BigInt(y as string)).toString()
    : Number(x) + Number(y);
}

function unknownGroup(field: string, value: never): ValidationError {
  return new ValidationError([{ field, message: `cannot group by ${String(value)}` }]);
}

/** By key (nulls last), then subKey, then currency: the same order on both engines whatever their collation. */
function sortRows<R extends { key: string | null; subKey?: string | null; currency: string }>(
  rows: R[],
): R[] {
  const nullsLast = (a: string | null | undefined, b: string | null | undefined) => {
    if (a === b) return 0;
    if (a === null || a === undefined) return 1;
    if (b === null || b === undefined) return -1;
    return a < b ? -1 : 1;
  };
  return rows.sort(
    (a, b) => nullsLast(a.key, b.key) || nullsLast(a.subKey, b.subKey) || nullsLast(a.currency, b.currency),
  );
}

/** The template's name: everything its text depends on (the values it binds are slots). */
function armShape(shape: Shape, part: RowScope, split: Split): string {
  const scope =
    part.kind === 'scoped'
      ? `${part.ownerIds.length > 0}:${part.memberIds.length > 0}:${part.minAccess}`
      : part.kind;
  const others = split === null ? 'whole' : split.length > 0 ? 'others' : 'nobody';
  return `report:${shape.name}:${scope}:${others}`;
}

/** What an arm's template binds per call. */
function armValues(tenant: string, shape: Shape, part: RowScope, split: Split): Record<string, unknown> {
  const scoped = part.kind === 'scoped' ? part : null;
  return {
    ...shape.values,
    tenant,
    owners: scoped === null ? [] : scoped.ownerIds,
    members: scoped === null ? [] : scoped.memberIds,
    split: split ?? [],
  };
}

/**
 * A closed-deals aggregate's instants (the period's ends, the buckets' bounds), encoded once: as
 * values, or as slots of the same names for a template.
 */
function instantSlots(engine: SqlEngine, closed: Range, bounds: readonly string[]) {
  const values: Record<string, unknown> = {};
  if (closed.from !== undefined) values.from = engine.encodeInstant(closed.from);
  if (closed.to !== undefined) values.to = engine.encodeInstant(closed.to);
  bounds.forEach((b, i) => {
    values[`bound${i}`] = engine.encodeInstant(b);
  });
  return {
    values,
    value: (slot: SlotOf | null, name: string): string =>
      (slot === null ? values[name] : slot(name)) as string,
  };
}
