import { describeLeadCommands } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeLeadCommands(() => sqliteStorage({ filename: ':memory:' }));
