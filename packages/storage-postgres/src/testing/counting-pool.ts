import type { PostgresPool, PostgresPoolClient } from 'kysely';

/**
 * A pool whose clients count their `query` calls. Every call is one round trip to the server: a
 * plain query waits for its answer before pg sends the next, and a pipelined batch (several
 * statements, one Sync) is one call. So the count is the number of times a command waited on the
 * network.
 */
/** A statement a pipelined batch carried. */
export interface SentStatement {
  text: string;
  values: readonly unknown[];
  /** Set when the statement is prepared under this name (a hot statement). */
  name?: string;
}

export interface CountingPool {
  pool: PostgresPool;
  /** The statements of every pipelined batch sent (clear it with `sent.length = 0`). */
  readonly sent: SentStatement[];
  /** Round trips since the last `reset`. */
  readonly trips: number;
  reset(): void;
  /** Round trips `fn` made (sequential callers only). */
  count(fn: () => Promise<unknown>): Promise<number>;
}

export function countingPool(inner: PostgresPool): CountingPool {
  let trips = 0;
  const sent: SentStatement[] = [];
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
            const batch = (args[0] as { statements?: SentStatement[] } | null)?.statements;
            if (batch)
              for (const st of batch) sent.push({ text: st.text, values: [...st.values], name: st.name });
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
    sent,
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
