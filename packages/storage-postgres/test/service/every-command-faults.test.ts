import { describeEveryCommandFaults } from '@gongfu/service-suites';
import { openTestDatabase, type TestDatabase, usePgTarget } from '../support/pg-target.js';
import { tenantDigest } from '../support/tenant-digest.js';

usePgTarget();

let db: TestDatabase | undefined;

describeEveryCommandFaults(
  async () => {
    const opened = await openTestDatabase();
    db = opened;
    return { ...opened.storage, close: () => opened.close() };
  },
  {
    // One query per fingerprint instead of an export: the suite takes one after every attempt.
    fingerprint: (_storage, tenantId) => {
      if (db === undefined) throw new Error('no database open');
      return tenantDigest(db.query, tenantId);
    },
  },
);
