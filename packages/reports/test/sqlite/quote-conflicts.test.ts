import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describeQuoteConflicts } from '../suites/quote-conflicts.suite.js';

describeQuoteConflicts(() => sqliteStorage({ filename: ':memory:' }));
