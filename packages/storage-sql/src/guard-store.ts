import { isCrmError, StorageError } from '@gongfu/core';
import type { SqlEngine } from './engine/sql-engine.js';

/** Whether the transaction a handle belongs to is still running its callback. */
export interface TxState {
  open: boolean;
}

interface Guarded {
  readonly store: Record<string, (...args: unknown[]) => Promise<unknown>>;
  readonly entity: string;
  readonly engine: SqlEngine;
  readonly state: TxState;
  /** Rethrows a domain error as it is, anything else as the engine's ConflictError or StorageError. */
  readonly fail: (error: unknown) => never;
}

/** One wrapper prototype per store class, built on first use instead of a Proxy per store. */
const prototypes = new WeakMap<object, object>();

function guardedPrototype(store: object): object {
  const proto: object | null = Object.getPrototypeOf(store);
  if (proto === null) throw new TypeError('a store is a class instance');
  const known = prototypes.get(proto);
  if (known !== undefined) return known;
  const guarded: Record<string, unknown> = {};
  for (let p: object | null = proto; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const name of Object.getOwnPropertyNames(p)) {
      if (name === 'constructor' || name in guarded) continue;
      if (typeof Object.getOwnPropertyDescriptor(p, name)?.value !== 'function') continue;
      // Not an async function: the store's own promise, with the error mapping attached, is
      // one promise and one frame fewer per statement than awaiting it here.
      guarded[name] = function (this: Guarded, ...args: unknown[]): Promise<unknown> {
        // After COMMIT the connection may already serve the next transaction: refuse, never run there.
        if (!this.state.open)
          return Promise.reject(new StorageError(`${this.entity}: the transaction has already ended`));
        try {
          return Promise.resolve(this.store[name]!(...args)).then(undefined, this.fail);
        } catch (error) {
          return Promise.reject(mappedError(error, this));
        }
      };
    }
  }
  prototypes.set(proto, guarded);
  return guarded;
}

function mappedError(error: unknown, guarded: { entity: string; engine: SqlEngine }): unknown {
  return isCrmError(error) ? error : guarded.engine.mapError(error, guarded.entity);
}

/**
 * Wraps every method of a store so a raw driver error never reaches the caller: unique violations
 * become ConflictError, anything else StorageError. Domain errors (ConcurrencyError …) pass
 * through. A call after the transaction ended fails instead of running outside it.
 */
export function guardStore<S extends object>(store: S, entity: string, engine: SqlEngine, state: TxState): S {
  // Set one by one, in one order: the same shared hidden class as Object.assign of a literal gave,
  // without making the literal and copying it through the generic path on every store of every tx.
  const guarded = Object.create(guardedPrototype(store)) as { -readonly [K in keyof Guarded]: Guarded[K] };
  guarded.store = store as Guarded['store'];
  guarded.entity = entity;
  guarded.engine = engine;
  guarded.state = state;
  guarded.fail = (error: unknown): never => {
    throw mappedError(error, { entity, engine });
  };
  return guarded as unknown as S;
}
