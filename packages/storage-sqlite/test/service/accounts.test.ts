import { describeAccountCommands } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeAccountCommands(() => sqliteStorage({ filename: ':memory:' }));
