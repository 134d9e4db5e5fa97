import { describeCustomFields } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeCustomFields(() => sqliteStorage({ filename: ':memory:' }));
