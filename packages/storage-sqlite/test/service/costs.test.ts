import { describeCostCommands } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeCostCommands(() => sqliteStorage({ filename: ':memory:' }));
