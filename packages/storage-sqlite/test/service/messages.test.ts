import { describeLocalizedMessages } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeLocalizedMessages(() => sqliteStorage({ filename: ':memory:' }));
