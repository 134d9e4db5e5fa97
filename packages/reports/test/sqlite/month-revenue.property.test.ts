import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describeMonthRevenue, describeWideScopeRollup } from '../suites/month-revenue.suite.js';

describeMonthRevenue(() => sqliteStorage({ filename: ':memory:' }));
describeWideScopeRollup(() => sqliteStorage({ filename: ':memory:' }));
