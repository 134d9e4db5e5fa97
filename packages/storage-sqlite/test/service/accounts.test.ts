import { describeAccountCommands } from '@gongfu/core/testing';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeAccountCommands(() => sqliteStorage({ filename: ':memory:' }));
