import { describeActivitySubjects } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeActivitySubjects(() => sqliteStorage({ filename: ':memory:' }));
