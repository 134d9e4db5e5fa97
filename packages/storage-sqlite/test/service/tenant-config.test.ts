import { describeTenantConfig } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeTenantConfig(() => sqliteStorage({ filename: ':memory:' }));
