import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describeMorningReview } from '../suites/morning-review.suite.js';

describeMorningReview(() => sqliteStorage({ filename: ':memory:' }));
