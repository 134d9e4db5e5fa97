import { describeLeadCommands } from '@gongfu/core/testing';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeLeadCommands(() => sqliteStorage({ filename: ':memory:' }));
