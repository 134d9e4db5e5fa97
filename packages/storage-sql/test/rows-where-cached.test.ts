import type { RowScope } from '@gongfu/core';
import fc from 'fast-check';
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import type { AnyDb } from '../src/any-db.js';
import { postgresEngine } from '../src/engine/postgres-engine.js';
import type { SqlEngine } from '../src/engine/sql-engine.js';
import { sqliteEngine } from '../src/engine/sqlite-engine.js';
import { filterWhere, tenantRowsWhere } from '../src/records/compile-where.js';
import { rowsWhere } from '../src/records/rows-where-cached.js';
import { whereFragment } from '../src/records/slot-statement.js';
import { activitySpec } from '../src/records/specs-operations.js';
import type { StoreContext } from '../src/records/store-context.js';

// A compiler without a database: the property is about the text and parameters alone.
const db = new Kysely<unknown>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new SqliteIntrospector(k),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
}) as unknown as AnyDb;
const ctxOf = (tenantId: string) => ({ db, engine: sqliteEngine, tenantId }) as unknown as StoreContext;
const pgDb = new Kysely<unknown>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
}) as unknown as AnyDb;
const pgCtxOf = (tenantId: string) =>
  ({ db: pgDb, engine: postgresEngine, tenantId }) as unknown as StoreContext;

/** What Kysely compiles for this WHERE, every time (the reference). */
function compiledFresh(ctx: StoreContext, scope: RowScope, where: object, arrays = false) {
  const engine: SqlEngine = ctx.engine;
  // With arrays a scope's ids are bound as one array each, as the calendar on PostgreSQL binds them.
  const bound =
    arrays && scope.kind === 'scoped'
      ? { ownerIds: [...scope.ownerIds], memberIds: [...scope.memberIds] }
      : undefined;
  const fragment = whereFragment(ctx, activitySpec.table, (eb) =>
    tenantRowsWhere(
      eb,
      activitySpec,
      scope,
      engine,
      ctx.tenantId,
      eb.and(filterWhere(eb, engine, activitySpec.filters, activitySpec.columns, where, 't', arrays)),
      bound,
    ),
  );
  return { sql: fragment.sql, parameters: [...fragment.parameters] };
}

const ids = fc.array(fc.constantFrom('u1', 'u2', 'u3', 'u4', "o'x", '?'), { minLength: 0, maxLength: 4 });
const whereArb = fc.record(
  {
    ownerId: ids,
    status: fc.oneof(
      fc.constantFrom('scheduled', 'completed'),
      fc.array(fc.constantFrom('scheduled', 'completed')),
    ),
    kind: fc.array(fc.constantFrom('visit', 'call')),
    regardingKind: fc.constantFrom('lead', 'opportunity'),
    // Not plain: a range on an instant column, and an equality filter by another op.
    startAt: fc.record({ from: fc.constant('2026-12-01T00:00:00.000Z') }),
  },
  { requiredKeys: [] },
);
const scopeArb: fc.Arbitrary<RowScope> = fc.oneof(
  fc.constant<RowScope>({ kind: 'all' }),
  fc.record({
    kind: fc.constant('scoped' as const),
    minAccess: fc.constantFrom('read' as const, 'edit' as const),
    ownerIds: ids,
    memberIds: ids,
  }),
);

describe('rowsWhere: the list WHERE compiled once per plain shape', () => {
  it('answers exactly what Kysely compiles, on the first call of a shape and on every later one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('t1', 't2'), scopeArb, whereArb), { minLength: 1, maxLength: 12 }),
        (calls) => {
          // Repeated calls with the same shapes and other values reach the cached text.
          for (const [tenant, scope, where] of [
            ...calls,
            ...calls.map(([, s, w]) => ['t3', s, w] as const),
          ]) {
            const ctx = ctxOf(tenant);
            const got = rowsWhere(ctx, activitySpec, scope, where);
            expect({ sql: got.sql, parameters: [...got.parameters] }).toEqual(
              compiledFresh(ctx, scope, where),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('PostgreSQL with arrays: answers exactly what Kysely compiles, first call and cached', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('t1', 't2'), scopeArb, whereArb), { minLength: 1, maxLength: 12 }),
        (calls) => {
          for (const [tenant, scope, where] of [
            ...calls,
            ...calls.map(([, s, w]) => ['t3', s, w] as const),
          ]) {
            const ctx = pgCtxOf(tenant);
            const got = rowsWhere(ctx, activitySpec, scope, where, true);
            expect({ sql: got.sql, parameters: [...got.parameters] }).toEqual(
              compiledFresh(ctx, scope, where, true),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('PostgreSQL with arrays: one text for every length of the lists', () => {
    const a = rowsWhere(pgCtxOf('t1'), activitySpec, { kind: 'all' }, { ownerId: ['u1'] }, true);
    const b = rowsWhere(pgCtxOf('t2'), activitySpec, { kind: 'all' }, { ownerId: ['u1', 'u2', 'u3'] }, true);
    expect(b.sql).toBe(a.sql);
    expect(b.parameters).toEqual(['t2', ['u1', 'u2', 'u3']]);
  });

  it('PostgreSQL with arrays: a scope names its owners and members in one array each, whatever their number', () => {
    const scoped = (ownerIds: string[], memberIds: string[]): RowScope => ({
      kind: 'scoped',
      minAccess: 'read',
      ownerIds,
      memberIds,
    });
    const a = rowsWhere(pgCtxOf('t1'), activitySpec, scoped(['u1'], ['u1']), { status: ['scheduled'] }, true);
    const b = rowsWhere(
      pgCtxOf('t1'),
      activitySpec,
      scoped(['u1', 'u2', 'u3'], ['u1', 'u2']),
      { status: ['scheduled'] },
      true,
    );
    expect(b.sql).toBe(a.sql);
    expect(b.parameters).toContainEqual(['u1', 'u2', 'u3']);
    expect(b.parameters).toContainEqual(['u1', 'u2']);
  });

  it('reuses the text of a plain shape for other values of the same lengths', () => {
    const ctx = ctxOf('t1');
    const a = rowsWhere(ctx, activitySpec, { kind: 'all' }, { ownerId: ['u1', 'u2'], status: ['scheduled'] });
    const b = rowsWhere(
      ctxOf('t2'),
      activitySpec,
      { kind: 'all' },
      { ownerId: ['u3', 'u4'], status: ['completed'] },
    );
    expect(b.sql).toBe(a.sql);
    expect(b.parameters).toEqual(['t2', 'u3', 'u4', 'completed']);
    const c = rowsWhere(
      ctx,
      activitySpec,
      { kind: 'all' },
      { ownerId: ['u1', 'u2', 'u3'], status: ['scheduled'] },
    );
    expect(c.sql).not.toBe(a.sql);
  });
});
