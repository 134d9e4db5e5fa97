import { describeTenantIsolation } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeTenantIsolation(() => sqliteStorage({ filename: ':memory:' }));
