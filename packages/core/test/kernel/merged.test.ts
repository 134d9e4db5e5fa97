import { setFlagsFromString } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { merged } from '../../src/kernel/merged.js';

// V8's own view of two objects: do they share a hidden class? (Natives syntax, enabled for this file.)
setFlagsFromString('--allow-natives-syntax');
const sameHiddenClass = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (
  a: object,
  b: object,
) => boolean;

const key = fc.oneof(
  fc.constantFrom('id', 'version', 'type', 'meta', '__proto__', 'constructor', 'toString', '0', '10'),
  fc.string({ maxLength: 4 }),
);
const value = fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.constant(null), fc.constant(undefined));
// Own keys as JSON.parse or a literal makes them (an own "__proto__" included).
const record = fc
  .array(fc.tuple(key, value), { maxLength: 8 })
  .map((entries) => JSON.parse(JSON.stringify(Object.fromEntries(entries.map(([k, v]) => [k, v ?? null])))));

describe('merged', () => {
  it('results built from the same shapes share one hidden class, with a key new to the source or not', () => {
    // `{ ...base, type }` gives each result a hidden class of its own on Node 20 (V8 11.3): every
    // later read of it then misses its inline cache. Warm the call site first, as a server would,
    // with one shape: the first test of this file, so no other shape has reached the site yet.
    const build = (i: number) =>
      merged({ v: 1, at: `t${i}`, entityId: `e${i}` }, { type: 'record.changed', i });
    for (let i = 0; i < 2_000; i++) build(i);
    expect(sameHiddenClass(build(1), build(2))).toBe(true);
    const overwriting = (i: number) => merged({ id: `x${i}`, version: i }, { version: i + 1 });
    for (let i = 0; i < 2_000; i++) overwriting(i);
    expect(sameHiddenClass(overwriting(1), overwriting(2))).toBe(true);
  });

  it('property: the keys, their order, the values and the prototype of { ...a, ...b }', () => {
    fc.assert(
      fc.property(record, record, (a, b) => {
        const got = merged(a, b);
        const spread = { ...a, ...b };
        expect(Reflect.ownKeys(got)).toEqual(Reflect.ownKeys(spread));
        for (const k of Reflect.ownKeys(spread))
          expect(Object.getOwnPropertyDescriptor(got, k)).toEqual(Object.getOwnPropertyDescriptor(spread, k));
        expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
        expect(JSON.stringify(got)).toBe(JSON.stringify(spread));
      }),
    );
  });

  it('an own __proto__ key stays an own key, the prototype untouched', () => {
    const a = JSON.parse('{"id":"x","__proto__":{"polluted":true}}') as object;
    const got = merged(a, { type: 't' }) as Record<string, unknown>;
    expect(Object.hasOwn(got, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
    expect(got.polluted).toBeUndefined();
  });
});
