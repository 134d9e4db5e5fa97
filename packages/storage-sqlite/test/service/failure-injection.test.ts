import { describeFailureInjection } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeFailureInjection(() => sqliteStorage({ filename: ':memory:' }));
