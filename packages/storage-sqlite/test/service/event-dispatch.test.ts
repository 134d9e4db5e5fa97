import { describeEventDispatch } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

// SQLite is one process's database: the four dispatchers share its one connection, which hands
// transactions out one at a time (several connections in one process would block each other's
// event loop). The claims, leases and cursors are the same code as on PostgreSQL.
describeEventDispatch(async () => {
  const storage = await sqliteStorage({ filename: ':memory:' });
  return { servers: [storage, storage, storage, storage], close: () => storage.close() };
});
