import { describeEveryCommandFaults } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeEveryCommandFaults(() => sqliteStorage({ filename: ':memory:' }));
