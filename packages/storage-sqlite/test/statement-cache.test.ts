import Database from 'better-sqlite3';
import fc from 'fast-check';
import { CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { executeOn } from '../src/sqlite-connection.js';
import { CachedStatements } from '../src/statement-cache.js';

/** A row as better-sqlite3 gives it by default: own keys in order, values, prototype. */
function shape(row: object) {
  return { proto: Object.getPrototypeOf(row), entries: Object.entries(row), names: Reflect.ownKeys(row) };
}

const read = (statements: CachedStatements, sql: string, parameters: unknown[] = []) =>
  executeOn(statements, CompiledQuery.raw(sql, parameters)).rows as object[];
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

describe('reads in raw mode, rows built in JavaScript', () => {
  it('give the rows better-sqlite3 gives, for any column names and values', () => {
    const name = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'toString', '0', '10', 'a b', '"', '客户', 'id', ''),
      fc.string({ maxLength: 6 }),
    );
    const value = fc.oneof(
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.string({ maxLength: 5 }),
      fc.constant(null),
      fc.uint8Array({ maxLength: 4 }).map((a) => Buffer.from(a)),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { minLength: 1, maxLength: 8 }), (columns) => {
        const database = new Database(':memory:');
        const statements = new CachedStatements(database);
        // Names may repeat: a select list may name one column twice (the last value wins, first place kept).
        const sql = `select ${columns.map((_, i) => `? as ${quoted(columns[i]?.[0] ?? '')}`).join(', ')}`;
        const parameters = columns.map(([, v]) => v);
        const ours = read(statements, sql, parameters);
        const theirs = database.prepare(sql).all(parameters) as object[];
        expect(ours.map(shape)).toEqual(theirs.map(shape));
        database.close();
      }),
      { numRuns: 300 },
    );
  });

  it('follow the schema: a column added, dropped or renamed is read under its new name', () => {
    const database = new Database(':memory:');
    const statements = new CachedStatements(database);
    const run = (sql: string) => executeOn(statements, CompiledQuery.raw(sql));
    run('create table t (a integer, b text)');
    run("insert into t values (1, 'x')");
    expect(read(statements, 'select * from t')).toEqual([{ a: 1, b: 'x' }]);
    run("alter table t add column c text default 'y'");
    expect(read(statements, 'select * from t')).toEqual([{ a: 1, b: 'x', c: 'y' }]);
    // A rename keeps the width: only the DDL through this connection tells the builder to follow.
    run('alter table t rename column b to renamed');
    expect(read(statements, 'select * from t')).toEqual([{ a: 1, renamed: 'x', c: 'y' }]);
    run('alter table t drop column c');
    expect(read(statements, 'select * from t')).toEqual([{ a: 1, renamed: 'x' }]);
    database.close();
  });

  it("hand Kysely's `prepare` a statement in better-sqlite3's own object mode", () => {
    const database = new Database(':memory:');
    const statements = new CachedStatements(database);
    expect(read(statements, 'select 1 as one')).toEqual([{ one: 1 }]);
    expect(statements.prepare('select 1 as one').all([])).toEqual([{ one: 1 }]);
    database.close();
  });
});

describe('the statement cache', () => {
  it('keeps the statements used last when full: the least recently used one goes', () => {
    const database = new Database(':memory:');
    const statements = new CachedStatements(database, 2);
    const a = statements.prepared('select 1 as a');
    const b = statements.prepared('select 2 as b');
    expect(statements.prepared('select 1 as a')).toBe(a);
    statements.prepared('select 3 as c');
    expect(statements.size).toBe(2);
    expect(statements.prepared('select 1 as a')).toBe(a);
    expect(statements.prepared('select 2 as b')).not.toBe(b);
    database.close();
  });
});
