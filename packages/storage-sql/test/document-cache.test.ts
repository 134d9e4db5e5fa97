import { isCrmError } from '@gongfu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyDb } from '../src/any-db.js';
import { createSqlStorage } from '../src/create-sql-storage.js';
import { sqliteEngine } from '../src/engine/sqlite-engine.js';
import { DocumentCache, knownKeysOf } from '../src/records/document-cache.js';

const jsonArb = fc.jsonValue({ maxDepth: 3 });

describe('DocumentCache', () => {
  it('answers a key with a copy of the last document kept under it, keeps at most its capacity, and no copy shares an object', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), fc.option(jsonArb)), {
          maxLength: 40,
        }),
        (capacity, steps) => {
          const cache = new DocumentCache(capacity);
          const last = new Map<string, unknown>();
          for (const [key, doc] of steps) {
            if (doc === null) {
              const kept = cache.get(key);
              // Absent (aged out) or equal to the last one kept: never another key's, never stale.
              if (kept !== undefined) expect(kept).toEqual(last.get(key));
              // A copy: changing it changes nothing kept.
              if (kept !== null && typeof kept === 'object') {
                const again = cache.get(key);
                expect(again).not.toBe(kept);
                expect(again).toEqual(last.get(key));
              }
            } else {
              const given = { doc };
              cache.set(key, given);
              last.set(key, structuredClone(given));
              // The caller's own object stays the caller's.
              given.doc = 'changed after set';
            }
          }
          const held = [...last.keys()].filter((k) => cache.get(k) !== undefined);
          expect(held.length).toBeLessThanOrEqual(capacity + 1);
          // The most recent key is always held.
          const lastKey = steps.filter(([, d]) => d !== null).at(-1)?.[0];
          if (lastKey !== undefined) expect(cache.get(lastKey)).toEqual(last.get(lastKey));
        },
      ),
    );
  });

  it('copies a document key `__proto__` as a key, not as the prototype', () => {
    const cache = new DocumentCache(4);
    cache.set('k', JSON.parse('{"custom":{"__proto__":{"polluted":true}}}'));
    const custom = cache.get<{ custom: Record<string, unknown> }>('k')?.custom ?? {};
    expect(Object.getPrototypeOf(custom)).toBe(Object.prototype);
    expect(Object.keys(custom)).toEqual(['__proto__']);
    expect((custom as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('property: a hit is the document as kept, key for key in the same order, with a prototype of Object.prototype and no object shared', () => {
    // Keys a compiled copy must quote (quotes, backslashes, line separators, control characters),
    // integer-like keys (listed first by both a spread and a literal) and `__proto__`.
    const key = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.constantFrom('__proto__', '"', '\\', '\u2028', 'a\u0000', '\u0001', '1', '10', 'constructor'),
    );
    const value = fc.oneof(fc.constant(null), fc.integer(), fc.string(), jsonArb);
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 12 }), fc.nat(3), (entries, hits) => {
        const text = `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
        const parsed = JSON.parse(text) as Record<string, unknown>;
        const cache = new DocumentCache(4);
        cache.set('k', parsed);
        for (let i = 0; i <= hits; i++) {
          const copy = cache.get<Record<string, unknown>>('k') as Record<string, unknown>;
          expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
          // The text, order and all, is the parsed document's.
          expect(JSON.stringify(copy)).toBe(JSON.stringify(parsed));
          expect(Object.keys(copy)).toEqual(Object.keys(parsed));
          for (const k of Object.keys(copy)) {
            const item = copy[k];
            if (item !== null && typeof item === 'object') expect(item).not.toBe(parsed[k]);
            expect(Object.getOwnPropertyDescriptor(copy, k)).toMatchObject({
              writable: true,
              enumerable: true,
              configurable: true,
            });
          }
          // A property added to one hit (the calendar labels its entries) is not in the next.
          copy.regardingLabel = `label ${i}`;
          for (const k of Object.keys(copy))
            if (copy[k] !== null && typeof copy[k] === 'object') copy[k] = 'changed';
        }
        expect(JSON.stringify(cache.get('k'))).toBe(JSON.stringify(parsed));
      }),
    );
  });

  it('copies a document of thousands of keys, and documents of more shapes than it keeps copiers for, key for key', () => {
    const cache = new DocumentCache(1000);
    const wide = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`字段${i}`, { v: i }]));
    cache.set('wide', JSON.parse(JSON.stringify(wide)));
    const copy = cache.get<Record<string, { v: number }>>('wide') ?? {};
    expect(copy).toEqual(wide);
    expect(Object.keys(copy)).toEqual(Object.keys(wide));
    // 600 shapes (one key of its own each): every copy exact, the last and the first alike.
    for (let n = 0; n < 600; n++) cache.set(`s${n}`, { id: `act_${n}`, [`k${n}`]: n, nested: { n } });
    for (const n of [0, 299, 599]) {
      const doc = cache.get<Record<string, unknown>>(`s${n}`);
      expect(doc).toEqual({ id: `act_${n}`, [`k${n}`]: n, nested: { n } });
      expect(doc?.nested).not.toBe(cache.get<Record<string, unknown>>(`s${n}`)?.nested);
    }
  });

  it('copies a top-level key `__proto__` as a key, not as the prototype', () => {
    const cache = new DocumentCache(4);
    cache.set('k', JSON.parse('{"id":"act_1","__proto__":{"polluted":true},"n":1}'));
    const copy = cache.get<Record<string, unknown>>('k') ?? {};
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['id', '__proto__', 'n']);
    expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('refuses a size that is not a whole number from 0 to 1,000,000, naming the option', () => {
    for (const documentCacheSize of [-1, 1.5, Number.NaN, 1_000_001]) {
      let thrown: unknown;
      try {
        createSqlStorage({ db: {} as AnyDb, engine: sqliteEngine, documentCacheSize });
      } catch (error) {
        thrown = error;
      }
      expect(isCrmError(thrown, 'VALIDATION')).toBe(true);
      expect(JSON.stringify(thrown)).toContain('documentCacheSize');
    }
  });
});

/**
 * PostgreSQL's `array_in` for a literal whose every element is double-quoted: inside quotes a
 * backslash takes the next character as it is, a quote ends the element; commas separate.
 */
function decodeQuotedArray(literal: string): string[] {
  expect(literal.startsWith('{') && literal.endsWith('}')).toBe(true);
  const out: string[] = [];
  let i = 1;
  while (i < literal.length - 1) {
    expect(literal[i]).toBe('"');
    let element = '';
    for (i++; literal[i] !== '"'; i++) element += literal[i] === '\\' ? literal[++i] : literal[i];
    out.push(element);
    i++;
    if (literal[i] === ',') i++;
  }
  return out;
}

describe('knownKeysOf', () => {
  it('property: each literal reads back as the keys’ ids, versions and times, in order, whatever they hold', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: text, version: fc.oneof(fc.nat(), text), updated: text }), {
          maxLength: 20,
        }),
        (keys) => {
          const known = knownKeysOf(keys);
          expect(known.count).toBe(keys.length);
          expect(decodeQuotedArray(known.ids)).toEqual(keys.map((k) => k.id));
          expect(decodeQuotedArray(known.versions)).toEqual(keys.map((k) => String(k.version)));
          expect(decodeQuotedArray(known.times)).toEqual(keys.map((k) => k.updated));
        },
      ),
    );
  });

  it('writes what pg writes for the same array (quotes and backslashes escaped)', () => {
    const known = knownKeysOf([
      { id: 'a"b', version: 2, updated: 'c\\d' },
      { id: '{x,y}', version: '3', updated: 'NULL' },
    ]);
    expect(known.ids).toBe('{"a\\"b","{x,y}"}');
    expect(known.versions).toBe('{"2","3"}');
    expect(known.times).toBe('{"c\\\\d","NULL"}');
  });
});
