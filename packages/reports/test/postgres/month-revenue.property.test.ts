import { describeMonthRevenue, describeWideScopeRollup } from '../suites/month-revenue.suite.js';
import { openPgStorage, usePgStorage } from './pg-storage.js';

usePgStorage();
describeMonthRevenue(openPgStorage);
describeWideScopeRollup(openPgStorage);
