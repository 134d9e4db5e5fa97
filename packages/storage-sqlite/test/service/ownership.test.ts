import { describeOwnershipTransfer } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeOwnershipTransfer(() => sqliteStorage({ filename: ':memory:' }));
