import { describeModelBasedService } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeModelBasedService(() => sqliteStorage({ filename: ':memory:' }));
