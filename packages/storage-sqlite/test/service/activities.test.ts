import { describeActivityCommands } from '@gongfu/core/testing';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeActivityCommands(() => sqliteStorage({ filename: ':memory:' }));
