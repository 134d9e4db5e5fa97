import { describeReportTenantIsolation } from '../suites/tenant-isolation.suite.js';
import { openPgStorage, usePgStorage } from './pg-storage.js';

usePgStorage();
describeReportTenantIsolation(openPgStorage);
