import type { CrmStorage, StorageTx } from '@gongfu/core';

/**
 * The storage with a slot for an open transaction: while `current` is set, every command run
 * through it joins that transaction instead of opening its own. That is how one batch of imported
 * rows — each through its ordinary command, validated, authorized and logged — commits with its
 * ledger rows as one unit, and a crash leaves either all of a batch or none of it.
 */
export function joinedStorage(storage: CrmStorage): {
  storage: CrmStorage;
  within<T>(tx: StorageTx, fn: () => Promise<T>): Promise<T>;
} {
  let current: StorageTx | null = null;
  const joined = new Proxy(storage, {
    get(target, prop, receiver) {
      if (prop === 'transaction' || prop === 'read') {
        const own = Reflect.get(target, prop, target) as CrmStorage['transaction'];
        return <T>(options: { tenantId: string }, fn: (tx: StorageTx) => Promise<T>) =>
          current ? fn(current) : own.call(target, options, fn);
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    storage: joined,
    async within(tx, fn) {
      current = tx;
      try {
        return await fn();
      } finally {
        current = null;
      }
    },
  };
}
