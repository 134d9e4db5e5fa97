import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoInstant } from '../../src/kernel/iso-instant.js';

const LAST_FOUR_DIGIT_MS = 253_402_300_799_999;
const builtIn = (ms: number) => new Date(ms).toISOString();

describe('isoInstant', () => {
  it('gives the text toISOString gives for every whole millisecond from 1970 to year 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: LAST_FOUR_DIGIT_MS }), (ms) => {
        expect(isoInstant(ms)).toBe(builtIn(ms));
      }),
      { numRuns: 20_000 },
    );
  });

  it('is exact at the edges of days, months, leap days and centuries', () => {
    const edges = [
      '1970-01-01T00:00:00.000Z',
      '1999-12-31T23:59:59.999Z',
      '2000-02-29T00:00:00.000Z',
      '2000-03-01T00:00:00.000Z',
      '2100-02-28T23:59:59.999Z',
      '2100-03-01T00:00:00.000Z',
      '2400-02-29T12:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
    ];
    for (const edge of edges) {
      const ms = Date.parse(edge);
      for (const near of [ms - 1, ms, ms + 1]) if (near >= 0) expect(isoInstant(near)).toBe(builtIn(near));
    }
  });

  it('leaves fractions, years before 1970 or past 9999 and NaN to the built-in, its errors included', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -8.64e15, max: 8.64e15, noNaN: true }),
          fc.integer({ min: -62_198_755_200_000, max: -1 }),
          fc.integer({ min: LAST_FOUR_DIGIT_MS + 1, max: 8.64e15 }),
        ),
        (ms) => {
          expect(isoInstant(ms)).toBe(builtIn(ms));
        },
      ),
    );
    expect(() => isoInstant(Number.NaN)).toThrow(RangeError);
    expect(() => isoInstant(8.64e15 + 1)).toThrow(RangeError);
  });
});
