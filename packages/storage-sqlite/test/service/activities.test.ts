import { describeActivityCommands } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeActivityCommands(() => sqliteStorage({ filename: ':memory:' }));
