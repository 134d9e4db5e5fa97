import { describeHostileInput } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeHostileInput(() => sqliteStorage({ filename: ':memory:' }));
