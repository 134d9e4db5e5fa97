import type { PostgresPool, PostgresPoolClient } from 'kysely';

/** Clients that already carry the listener (a pooled client is handed out many times). */
const watched = new WeakSet<object>();

/**
 * `pg` emits `error` on a client whose connection dies (the server restarted, the backend was
 * terminated, the network dropped). pg-pool listens only while the client is idle: during a
 * transaction nobody does, and Node turns an unheard `error` event into an uncaught exception that
 * ends the process. The statement in flight, or the next one, fails with the error anyway (and
 * becomes a StorageError); the client is then no longer queryable, so pg-pool drops it on release.
 * So the event itself needs no handling — only a listener, attached once per client as it is handed out.
 */
export function watchedPool(pool: PostgresPool, options: { ownsEnd: boolean }): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      const emitter = client as unknown as { on?: (event: 'error', listener: () => void) => unknown };
      if (typeof emitter.on === 'function' && !watched.has(client)) {
        watched.add(client);
        emitter.on('error', () => {});
      }
      return client;
    },
    // Kysely ends the pool on destroy(); a borrowed pool must survive that.
    end: options.ownsEnd ? () => pool.end() : async () => {},
  };
}
