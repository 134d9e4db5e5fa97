import { describeOrderCommands } from '@gongfu/core/testing';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeOrderCommands(() => sqliteStorage({ filename: ':memory:' }));
