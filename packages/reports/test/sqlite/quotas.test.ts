import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describeQuotas } from '../suites/quotas.suite.js';

describeQuotas(() => sqliteStorage({ filename: ':memory:' }));
