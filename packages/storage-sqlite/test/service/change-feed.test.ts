import { describeChangeFeed } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeChangeFeed(() => sqliteStorage({ filename: ':memory:' }));
