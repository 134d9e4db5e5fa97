import { describeOpportunityCommands } from '@gongfu/core/testing';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeOpportunityCommands(() => sqliteStorage({ filename: ':memory:' }));
