import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/kernel/errors.js';
import { guardArguments } from '../../src/kernel/input-guard.js';

// Text must be well-formed UTF-16 (src/kernel/input-guard.ts), decided by the runtime's
// String.prototype.isWellFormed where it has one. The property: for any sequence of UTF-16 code
// units — one-byte, two-byte, paired and lone surrogates — as a value or as a key, the guard
// refuses the argument exactly when a surrogate is unpaired, as the written-out rule says.

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const codeUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xff }),
  fc.integer({ min: 0xd800, max: 0xdfff }),
  fc.integer({ min: 0, max: 0xffff }),
);
const anyText = fc.array(codeUnit, { maxLength: 8 }).map((units) => String.fromCharCode(...units));

function refused(call: () => void): string | null {
  try {
    call();
    return null;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.issues[0]?.field ?? '';
  }
}

describe('text arguments are well-formed UTF-16', () => {
  it('a value is refused exactly when a surrogate in it is unpaired', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(refused(() => guardArguments(['u1', { name: text }]))).toBe(LONE.test(text) ? 'name' : null);
      }),
      { numRuns: 2000 },
    );
  });

  it('a key is refused exactly when a surrogate in it is unpaired', () => {
    fc.assert(
      fc.property(anyText, (key) => {
        fc.pre(key !== '__proto__');
        expect(refused(() => guardArguments(['u1', { [key]: 1 }]))).toBe(LONE.test(key) ? key : null);
      }),
      { numRuns: 2000 },
    );
  });
});
