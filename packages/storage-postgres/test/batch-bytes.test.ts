import fc from 'fast-check';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { batchBytes } from '../src/pipeline/batch-bytes.js';
import { type BatchStatement, PgBatch } from '../src/pipeline/pg-batch.js';
import { pgRuntime, textArrayLiteral } from '../src/pipeline/pg-runtime.js';
import { ON_SERVER, PG_URL } from './support/pg-target.js';

/** pg's protocol connection over a stream that keeps what is written (pg 8 exports it). */
function pgWriter() {
  const written: Buffer[] = [];
  const stream = {
    writable: true,
    write: (bytes: Buffer) => {
      written.push(Buffer.from(bytes));
      return true;
    },
    cork() {},
    uncork() {},
    on() {},
  };
  const Connection = (pg as unknown as { Connection: new (o: { stream: unknown }) => PgConnection })
    .Connection;
  return { connection: new Connection({ stream }), written };
}

interface PgConnection {
  parse(msg: { text: string; name?: string }): void;
  bind(msg: {
    statement?: string;
    values: unknown[];
    valueMapper?: (v: unknown, i: number) => unknown;
  }): void;
  describe(msg: { type: 'P' | 'S'; name?: string }): void;
  execute(msg: { portal?: string; rows?: number }): void;
  close(msg: { type: 'P' | 'S'; name?: string }): void;
  sync(): void;
}

const prepareValue = (pg as unknown as { utils: { prepareValue: (v: unknown) => unknown } }).utils
  .prepareValue;

/** The batch as pg's own serializer writes it, message by message (what PgBatch wrote before). */
function pgBytes(statements: readonly BatchStatement[]): Buffer {
  const { connection, written } = pgWriter();
  for (const s of statements) {
    if (s.closeFirst && s.name) connection.close({ type: 'S', name: s.name });
    if (s.parse || s.name === undefined) connection.parse({ text: s.text, name: s.name ?? '' });
    connection.bind({ statement: s.name ?? '', values: [...s.values], valueMapper: prepareValue });
    connection.describe({ type: 'P', name: '' });
    connection.execute({ portal: '', rows: 0 });
  }
  connection.sync();
  return Buffer.concat(written);
}

const text = fc.string({ unit: 'binary', maxLength: 40 });
const value = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  text,
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.date({ noInvalidDate: true }),
  fc.uint8Array({ maxLength: 20 }).map((bytes) => Buffer.from(bytes)),
  fc.array(fc.oneof(text, fc.constant(null)), { maxLength: 6 }),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 60 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);
const statement: fc.Arbitrary<BatchStatement> = fc.record({
  text,
  values: fc.array(value, { maxLength: 12 }),
  name: fc.option(
    fc.string({ maxLength: 20 }).map((n) => `gongfu_${n}`),
    { nil: undefined },
  ),
  parse: fc.boolean(),
  closeFirst: fc.boolean(),
});

describe('batchBytes', () => {
  it('property: writes the bytes pg writes for the same messages, any statements and values', () => {
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 8 }), (statements) => {
        const mapper = (v: unknown) => textArrayLiteral(v) ?? prepareValue(v);
        expect(batchBytes(statements, mapper).equals(pgBytes(statements))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('sends a value of many bytes and non-ASCII text at its byte length, not its length in characters', () => {
    const long = '客户'.repeat(5000);
    const statements: BatchStatement[] = [
      { text: 'select $1, $2', values: [long, ['名', 'a"b', 'c\\d']], name: 'gongfu_x', parse: true },
    ];
    expect(batchBytes(statements, (v) => prepareValue(v)).equals(pgBytes(statements))).toBe(true);
  });
});

describe('textArrayLiteral', () => {
  it('property: an array of strings is written as pg writes it, or left to pg', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.string({ unit: 'binary', maxLength: 10 }), { maxLength: 20 }),
          fc.array(fc.oneof(fc.string(), fc.constant(null), fc.integer()), { maxLength: 8 }),
        ),
        (items) => {
          const literal = textArrayLiteral(items);
          if (literal !== undefined) expect(literal).toBe(prepareValue(items));
          // Only arrays of plain strings take the short way; anything else is pg's.
          const plain = items.every((i) => typeof i === 'string' && !i.includes('"') && !i.includes('\\'));
          expect(literal !== undefined).toBe(plain);
        },
      ),
    );
  });

  it('leaves what is not an array to pg', () => {
    expect(textArrayLiteral('{"a"}')).toBeUndefined();
    expect(textArrayLiteral(null)).toBeUndefined();
    expect(textArrayLiteral([])).toBe('{}');
  });
});

describe('a batch with a value that cannot be written', () => {
  it("counts more than 32,767 parameters as pg does (unsigned), up to the protocol's 65,535", () => {
    const values = Array.from({ length: 40_000 }, (_, i) => `v${i}`);
    const statements: BatchStatement[] = [{ text: 'select 1', values, parse: true }];
    expect(batchBytes(statements, (v) => prepareValue(v)).equals(pgBytes(statements))).toBe(true);
    const tooMany: BatchStatement[] = [{ text: 'select 1', values: [...values, ...values], parse: true }];
    expect(() => batchBytes(tooMany, (v) => prepareValue(v))).toThrow(RangeError);
  });

  it('is handed back to pg by submit, nothing written, and the batch settles failed', async () => {
    const written: Buffer[] = [];
    const connection = {
      sendCopyFail() {},
      stream: { writable: true, write: (b: Buffer) => written.push(b) },
    };
    const batch = new PgBatch(
      [
        { text: 'select 1', values: [], parse: true },
        { text: 'select $1::jsonb', values: [{ amount: 1n }], parse: true },
      ],
      () => ({}) as never,
      (v) => prepareValue(v),
    );
    const error = batch.submit(connection);
    expect(error).toBeInstanceOf(Error);
    expect(written).toHaveLength(0);
    // What pg does with an error submit returns.
    batch.handleError(error);
    const result = await batch.done;
    expect(result.failedAt).toBe(0);
    expect(result.outcomes.map((o) => o.ok)).toEqual([false, false]);
  });

  it.skipIf(!ON_SERVER)(
    'leaves a real client ready for its next query (it hung waiting before)',
    async () => {
      const runtime = await pgRuntime();
      if (runtime === undefined) throw new Error('pg runtime');
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        const batch = new PgBatch(
          [{ text: 'select $1::jsonb as doc', values: [{ amount: 1n }], parse: true }],
          () => runtime.makeResult(client as never),
          runtime.prepareValue,
        );
        client.query(batch as never);
        const result = await batch.done;
        expect(result.failedAt).toBe(0);
        const next = await client.query('select 41 + 1 as n');
        expect(next.rows).toEqual([{ n: 42 }]);
      } finally {
        await client.end();
      }
    },
  );
});
