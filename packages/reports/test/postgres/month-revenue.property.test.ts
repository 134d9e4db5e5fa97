import { describeMonthRevenue } from '../suites/month-revenue.suite.js';
import { openPgStorage, usePgStorage } from './pg-storage.js';

usePgStorage();
describeMonthRevenue(openPgStorage);
