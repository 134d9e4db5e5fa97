import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describeMonthRevenue } from '../suites/month-revenue.suite.js';

describeMonthRevenue(() => sqliteStorage({ filename: ':memory:' }));
