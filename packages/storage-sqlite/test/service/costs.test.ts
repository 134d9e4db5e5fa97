import { describeCostCommands } from '@gongfu/core/testing';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeCostCommands(() => sqliteStorage({ filename: ':memory:' }));
