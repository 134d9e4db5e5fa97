import { describeEscalationDispatch } from '@gongfu/service-suites';
import { openTestDatabase, usePgTarget } from '../support/pg-target.js';

usePgTarget();
// Four app servers, each with its own pool, on one schema (PGlite: one connection shared).
describeEscalationDispatch(async () => {
  const db = await openTestDatabase({ max: 3 });
  const servers = [db.storage];
  for (let i = 1; i < 4; i++) servers.push(await db.openAnother({ max: 3, migrate: false }));
  return { servers, close: () => db.close() };
});
