import { describeEscalationDispatch } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

// As for the change feed: the dispatchers share SQLite's one connection, which hands transactions
// out one at a time; the claims, fences and marks are the same code as on PostgreSQL.
describeEscalationDispatch(async () => {
  const storage = await sqliteStorage({ filename: ':memory:' });
  return { servers: [storage, storage, storage, storage], close: () => storage.close() };
});
