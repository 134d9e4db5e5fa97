import { describeTenantIsolation } from '@gongfu/core/testing';
import { sqliteStorage } from '@gongfu/storage-sqlite';

describeTenantIsolation(() => sqliteStorage({ filename: ':memory:' }));
