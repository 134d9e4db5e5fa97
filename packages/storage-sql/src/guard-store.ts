import { isCrmError } from '@gongfu/core';
import type { SqlEngine } from './engine/sql-engine.js';

/**
 * Wraps every method of a store so a raw driver error never reaches the caller: unique violations
 * become ConflictError, anything else StorageError. Domain errors (ConcurrencyError …) pass through.
 */
export function guardStore<S extends object>(store: S, entity: string, engine: SqlEngine): S {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } catch (error) {
          throw isCrmError(error) ? error : engine.mapError(error, entity);
        }
      };
    },
  });
}
