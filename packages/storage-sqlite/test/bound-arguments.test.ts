import Database from 'better-sqlite3';
import fc from 'fast-check';
import { CompiledQuery } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { bindsAsArguments } from '../src/bound-arguments.js';
import { executeOn } from '../src/sqlite-connection.js';
import { CachedStatements } from '../src/statement-cache.js';

// Statements run with their parameters as separate arguments where that binds them as the array
// would (src/bound-arguments.ts). The property: for any parameter list — odd values included, and
// as many placeholders as values or a few more or fewer — a read and a write give what
// better-sqlite3 gives for the array, the same rows or the same error.

const database = new Database(':memory:');
database.exec('create table t (k integer primary key, a, b, c, d, e, f, g, h)');
const statements = new CachedStatements(database);
afterAll(() => database.close());

/** A row's values in column order. */
const valuesOf = (row: unknown) => Object.values(row as object);

/** What a call gave: its rows or changes, else its error's class and message. */
function outcome(call: () => unknown): unknown {
  try {
    return { ok: call() };
  } catch (error) {
    return { error: (error as Error).constructor.name, message: (error as Error).message };
  }
}

const plain = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.string({ maxLength: 4 }),
  fc.constant(null),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.uint8Array({ maxLength: 3 }).map((a) => Buffer.from(a)),
  fc.uint8Array({ maxLength: 3 }),
);
// Values better-sqlite3 refuses, or reads as more values or as named parameters when spread.
const odd = fc.oneof(
  fc.array(plain, { maxLength: 2 }),
  fc.constant({}),
  fc.record({ a: plain }),
  fc.constant(Object.create(null) as object),
  fc.constant(new Date(0)),
  fc.constant(undefined),
  fc.boolean(),
);
const anyParameters = fc.array(fc.oneof({ weight: 5, arbitrary: plain }, { weight: 1, arbitrary: odd }), {
  maxLength: 8,
});

describe('parameters bound as separate arguments', () => {
  it('read as the array reads, rows or error, for any values and placeholder count', () => {
    fc.assert(
      fc.property(anyParameters, fc.integer({ min: -1, max: 2 }), (parameters, extra) => {
        const width = Math.max(1, parameters.length + extra);
        const sql = `select ${Array.from({ length: width }, (_, i) => `? as c${i}`).join(', ')}`;
        const ours = outcome(() =>
          executeOn(statements, CompiledQuery.raw(sql, parameters)).rows.map(valuesOf),
        );
        const theirs = outcome(() => database.prepare(sql).raw(true).all(parameters));
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 400 },
    );
  });

  it('write as the array writes, changes or error', () => {
    let key = 0;
    fc.assert(
      fc.property(anyParameters, fc.integer({ min: -1, max: 1 }), (parameters, extra) => {
        const width = Math.min(8, Math.max(1, parameters.length + extra));
        const columns = 'abcdefgh'.slice(0, width).split('');
        const sql = `insert into t (k, ${columns.join(', ')}) values (?, ${columns.map(() => '?').join(', ')})`;
        const ours = outcome(
          () => executeOn(statements, CompiledQuery.raw(sql, [++key, ...parameters])).numAffectedRows,
        );
        const theirs = outcome(() => BigInt(database.prepare(sql).run([++key, ...parameters]).changes));
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 300 },
    );
  });

  it('only where no value is an object but a buffer, and the list is short', () => {
    expect(bindsAsArguments([1, 'a', null, 2n, Buffer.from('x'), new Uint8Array(1)])).toBe(true);
    expect(bindsAsArguments([1, [2]])).toBe(false);
    expect(bindsAsArguments([{ a: 1 }])).toBe(false);
    expect(bindsAsArguments([new Date(0)])).toBe(false);
    expect(bindsAsArguments(Array.from({ length: 256 }, () => 1))).toBe(true);
    expect(bindsAsArguments(Array.from({ length: 257 }, () => 1))).toBe(false);
    // A long list still binds: as one array, as before.
    const sql = `select ${Array.from({ length: 300 }, (_, i) => `? as c${i}`).join(', ')}`;
    const values = Array.from({ length: 300 }, (_, i) => i);
    expect(executeOn(statements, CompiledQuery.raw(sql, values)).rows.map(valuesOf)).toEqual([values]);
  });
});
