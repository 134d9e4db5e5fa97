import { describeIdempotentCommands } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeIdempotentCommands(() => sqliteStorage({ filename: ':memory:' }));
