import { describeAccountTimeline } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeAccountTimeline(() => sqliteStorage({ filename: ':memory:' }));
