import type { CrmStorage, StorageTx } from '@gongfu/core';

/** Every method that changes rows (`next` increments a counter); reads pass through untouched. */
const WRITES = new Set(['insert', 'update', 'replace', 'create', 'append', 'remove', 'linkLead', 'next']);

export class InjectedFault extends Error {
  constructor(readonly write: number) {
    super(`injected failure at write #${write}`);
    this.name = 'InjectedFault';
  }
}

export interface FaultyStorage {
  storage: CrmStorage;
  /** Make the `n`th write of every following transaction throw (counting from 1). */
  failAt(n: number): void;
  disarm(): void;
  /** Writes attempted by the last transaction. */
  readonly writes: number;
}

/**
 * A storage whose transactions throw on their Nth write, to prove a command leaves nothing
 * half-written whichever statement fails.
 */
export function faultyStorage(inner: CrmStorage): FaultyStorage {
  let failAt = 0;
  let writes = 0;
  const wrapStore = (store: object) =>
    new Proxy(store, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        if (typeof prop !== 'string' || !WRITES.has(prop)) return value.bind(target);
        return async (...args: unknown[]) => {
          writes += 1;
          if (writes === failAt) throw new InjectedFault(writes);
          return value.apply(target, args);
        };
      },
    });
  const wrapTx = (tx: StorageTx): StorageTx =>
    new Proxy(tx, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        return value !== null && typeof value === 'object' ? wrapStore(value) : value;
      },
    });
  const storage: CrmStorage = {
    engine: inner.engine,
    tenants: inner.tenants,
    transaction: (options, fn) =>
      inner.transaction(options, (tx) => {
        writes = 0;
        return fn(wrapTx(tx));
      }),
    read: (options, fn) => inner.read(options, fn),
    migrateToLatest: () => inner.migrateToLatest(),
    close: () => inner.close(),
  };
  return {
    storage,
    failAt: (n) => {
      failAt = n;
    },
    disarm: () => {
      failAt = 0;
    },
    get writes() {
      return writes;
    },
  };
}
