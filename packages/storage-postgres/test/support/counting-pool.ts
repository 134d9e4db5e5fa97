import type { PostgresPool, PostgresPoolClient } from 'kysely';

/**
 * A pool whose clients count their `query` calls. Every call is one round trip to the server: a
 * plain query waits for its answer before pg sends the next, and a pipelined batch (several
 * statements, one Sync) is one call. So the count is the number of times a command waited on the
 * network.
 */
export interface CountingPool {
  pool: PostgresPool;
  /** Round trips since the last `reset`. */
  readonly trips: number;
  reset(): void;
  /** Round trips `fn` made (sequential callers only). */
  count(fn: () => Promise<unknown>): Promise<number>;
}

export function countingPool(inner: PostgresPool): CountingPool {
  let trips = 0;
  // One wrapper per pooled client, so whatever is keyed by the client (the pipeline) stays stable.
  const wrapped = new WeakMap<PostgresPoolClient, PostgresPoolClient>();
  const wrap = (client: PostgresPoolClient): PostgresPoolClient => {
    let proxy = wrapped.get(client);
    if (proxy === undefined) {
      proxy = new Proxy(client, {
        get(target, prop, receiver) {
          const value: unknown = Reflect.get(target, prop, receiver);
          if (prop !== 'query' || typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            trips++;
            return value.apply(target, args);
          };
        },
      });
      wrapped.set(client, proxy);
    }
    return proxy;
  };
  return {
    pool: { connect: async () => wrap(await inner.connect()), end: () => inner.end() },
    get trips() {
      return trips;
    },
    reset() {
      trips = 0;
    },
    async count(fn) {
      const before = trips;
      await fn();
      return trips - before;
    },
  };
}
