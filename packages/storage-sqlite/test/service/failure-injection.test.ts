import { describeFailureInjection } from '@gongfu/core/testing';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeFailureInjection(() => sqliteStorage({ filename: ':memory:' }));
