import { describeOrderCommands } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeOrderCommands(() => sqliteStorage({ filename: ':memory:' }));
