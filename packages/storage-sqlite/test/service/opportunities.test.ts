import { describeOpportunityCommands } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeOpportunityCommands(() => sqliteStorage({ filename: ':memory:' }));
