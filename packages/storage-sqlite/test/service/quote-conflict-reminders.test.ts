import { describeQuoteConflictReminders } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeQuoteConflictReminders(() => sqliteStorage({ filename: ':memory:' }));
