import { describeUsersProductsReminders } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeUsersProductsReminders(() => sqliteStorage({ filename: ':memory:' }));
