import { describePermissionFindings } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describePermissionFindings(() => sqliteStorage({ filename: ':memory:' }));
