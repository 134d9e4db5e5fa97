import { describeUsersProductsReminders } from '@gongfu/core/testing';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeUsersProductsReminders(() => sqliteStorage({ filename: ':memory:' }));
