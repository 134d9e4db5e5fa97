import { describeSearch } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeSearch(() => sqliteStorage({ filename: ':memory:' }));
