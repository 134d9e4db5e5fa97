import { describeOwnershipTransfer } from '@gongfu/core/testing';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeOwnershipTransfer(() => sqliteStorage({ filename: ':memory:' }));
