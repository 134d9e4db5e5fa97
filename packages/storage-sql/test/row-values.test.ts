import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowValues } from '../src/stores/row-values.js';

// The parameters of a multi-row INSERT, written out instead of `flatMap(Object.values)`
// (src/stores/row-values.ts). The property: for any rows — integer-like and odd keys, values that
// are arrays (kept whole, never flattened), null, undefined — the same values in the same order.

const anyValue = fc.oneof(
  fc.integer(),
  fc.string({ maxLength: 4 }),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.uint8Array({ maxLength: 2 }),
);
const anyKey = fc.oneof(
  fc.constantFrom('0', '10', '__proto__', 'seq', 'tenant_id', ''),
  fc.string({ maxLength: 5 }),
);
const anyRow = fc.array(fc.tuple(anyKey, anyValue), { maxLength: 10 }).map((entries) => {
  const row: Record<string, unknown> = {};
  // Defined, not assigned: a `__proto__` key is then an own value, as JSON.parse would make it.
  for (const [key, value] of entries)
    Object.defineProperty(row, key, { value, enumerable: true, writable: true, configurable: true });
  return row;
});

describe('rowValues', () => {
  it('equals rows.flatMap(Object.values) for any rows', () => {
    fc.assert(
      fc.property(fc.array(anyRow, { maxLength: 5 }), (rows) => {
        expect(rowValues(rows)).toEqual(rows.flatMap(Object.values));
      }),
      { numRuns: 500 },
    );
  });
});
