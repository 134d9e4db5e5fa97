import { describeTenantConfig, describeTenantVocabularies } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeTenantConfig(() => sqliteStorage({ filename: ':memory:' }));
describeTenantVocabularies(() => sqliteStorage({ filename: ':memory:' }));
