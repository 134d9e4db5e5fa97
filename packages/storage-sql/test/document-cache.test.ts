import { isCrmError } from '@gongfu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyDb } from '../src/any-db.js';
import { createSqlStorage } from '../src/create-sql-storage.js';
import { sqliteEngine } from '../src/engine/sqlite-engine.js';
import { DocumentCache } from '../src/records/document-cache.js';

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
