import fc from 'fast-check';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import { postgresEngine } from '../src/engine/postgres-engine.js';
import type { ColumnKind } from '../src/engine/sql-engine.js';
import { filterWhere } from '../src/records/compile-where.js';
import { type FilterSpecs, filterFragment } from '../src/records/filter-fragment.js';
import { BASE_COLUMN_KINDS, type FilterSpec } from '../src/records/record-spec.js';
import { whereFragment } from '../src/records/slot-statement.js';
import { opportunitySpec } from '../src/records/specs-deals.js';
import { costSpec } from '../src/records/specs-operations.js';
import type { StoreContext } from '../src/records/store-context.js';

/** Compiles PostgreSQL text and runs nothing: the fragments are compared as compiled. */
const ctx = {
  db: new Kysely<unknown>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }),
  engine: postgresEngine,
  tenantId: 'acme',
} as unknown as StoreContext;

/** A value a filter of this kind and operator may be given (few distinct ones, so shapes repeat). */
function filterValue(filter: FilterSpec, kind: ColumnKind): fc.Arbitrary<unknown> {
  const scalar: fc.Arbitrary<unknown> =
    kind === 'instant'
      ? fc.constantFrom('2026-01-01T00:00:00.000Z', '2026-06-30T16:00:00.000Z')
      : kind === 'date'
        ? fc.constantFrom('2025-07-01', '2026-07-01')
        : kind === 'int' || kind === 'money'
          ? fc.integer({ min: 0, max: 3 })
          : kind === 'bool'
            ? fc.boolean()
            : fc.constantFrom('a', 'b', 'won', 'lost');
  switch (filter.op) {
    case 'in':
      return fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));
    case 'eq':
      return fc.option(scalar, { nil: null });
    case 'range':
      return fc.record({ from: scalar, to: scalar }, { requiredKeys: [] });
    case 'text':
      return fc.constantFrom('abc', '50%_off');
    case 'bool':
    case 'isNull':
      return fc.boolean();
    default:
      return fc.constant(undefined);
  }
}

function whereOf(spec: FilterSpecs): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(
    Object.entries(spec.filters).map(([name, filter]) => [
      name,
      filterValue(filter, spec.columns[filter.column] ?? BASE_COLUMN_KINDS[filter.column] ?? 'text'),
    ]),
  );
  return fc.record(fields, { requiredKeys: [] });
}

const tables: [string, FilterSpecs][] = [
  ['cost_entries', costSpec],
  ['opportunities', opportunitySpec],
];

describe('filterFragment', () => {
  it('is, call after call, the fragment Kysely compiles for the same filters (text and parameters)', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...tables)
          .chain(([table, spec]) =>
            fc.tuple(
              fc.constant(table),
              fc.constant(spec),
              fc.array(whereOf(spec), { minLength: 1, maxLength: 6 }),
            ),
          ),
        ([table, spec, wheres]) => {
          for (const where of wheres) {
            const fresh = whereFragment(ctx, table, (eb) =>
              eb.and(filterWhere(eb, postgresEngine, spec.filters, spec.columns, where, 't', true)),
            );
            const got = filterFragment(ctx, table, spec, where);
            expect(got.sql).toBe(fresh.sql);
            expect(got.parameters).toEqual(fresh.parameters);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
