import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describeReportTenantIsolation } from '../suites/tenant-isolation.suite.js';

describeReportTenantIsolation(() => sqliteStorage({ filename: ':memory:' }));
