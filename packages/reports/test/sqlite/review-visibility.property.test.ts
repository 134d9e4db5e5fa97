import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describeReviewVisibility } from '../suites/review-visibility.suite.js';

describeReviewVisibility(() => sqliteStorage({ filename: ':memory:' }), 'SQLite');
