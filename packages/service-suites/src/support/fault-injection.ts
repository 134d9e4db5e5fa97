import type { CrmStorage, StorageTx } from '@gongfu/core';

/** Every store method that changes rows (`next` increments a counter); reads pass through untouched. */
export const WRITE_METHODS: ReadonlySet<string> = new Set([
  'insert',
  'update',
  'replace',
  'create',
  'append',
  'remove',
  'linkLead',
  'next',
  'put',
  'record',
  'replaceBatches',
  'replaceCurrent',
  'markDelivered',
  'markRefreshed',
  'claim',
  'claimDue',
  'settle',
  'delete',
]);

/**
 * Every store method known to only read. A method in neither set is reported by `unknownMethods`,
 * so a new store method is classified before a fault suite can silently skip its writes.
 */
export const READ_METHODS: ReadonlySet<string> = new Set([
  'get',
  'getMany',
  'list',
  'count',
  'find',
  'forEntity',
  'forEntities',
  'forSubject',
  'members',
  'membersOfMany',
  'keysOfMember',
  'due',
  'escalationsDue',
  'byActors',
  'blocks',
  'stamp',
  'latest',
  'since',
  'stale',
  'touching',
  'watermark',
  'deadLetters',
  'done',
  'closedTotals',
  'costTotals',
  'funnelCounts',
  'pipelineTotals',
]);

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
  /**
   * Before the `n`th write of the next transaction runs, await `hook` (counting from 1): the
   * transaction stays open, its earlier writes made, while the hook has the process killed or the
   * connection terminated. Once only.
   */
  pauseBefore(n: number, hook: () => Promise<void>): void;
  /** Writes attempted by the last transaction. */
  readonly writes: number;
  /** Injected failures thrown since the storage was wrapped. */
  readonly fired: number;
  /** Write transactions opened since the storage was wrapped. */
  readonly transactions: number;
  /** Store methods called inside a transaction that are in neither WRITE_METHODS nor READ_METHODS. */
  readonly unknownMethods: ReadonlySet<string>;
}

/**
 * A storage whose transactions throw on their Nth write, to prove a command leaves nothing
 * half-written whichever statement fails.
 */
export function faultyStorage(inner: CrmStorage): FaultyStorage {
  let failAt = 0;
  let writes = 0;
  let transactions = 0;
  let fired = 0;
  let pause: { n: number; hook: () => Promise<void> } | null = null;
  const unknownMethods = new Set<string>();
  const wrapStore = (store: object) =>
    new Proxy(store, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        if (typeof prop === 'string' && !WRITE_METHODS.has(prop) && !READ_METHODS.has(prop))
          unknownMethods.add(prop);
        if (typeof prop !== 'string' || !WRITE_METHODS.has(prop)) return value.bind(target);
        return async (...args: unknown[]) => {
          writes += 1;
          if (writes === failAt) {
            fired += 1;
            throw new InjectedFault(writes);
          }
          if (pause !== null && writes === pause.n) {
            const { hook } = pause;
            pause = null;
            await hook();
          }
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
        transactions += 1;
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
    pauseBefore: (n, hook) => {
      pause = { n, hook };
    },
    get writes() {
      return writes;
    },
    get fired() {
      return fired;
    },
    get transactions() {
      return transactions;
    },
    unknownMethods,
  };
}
