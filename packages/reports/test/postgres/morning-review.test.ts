import { describeMorningReview } from '../suites/morning-review.suite.js';
import { openPgStorage, usePgStorage } from './pg-storage.js';

usePgStorage();
describeMorningReview(openPgStorage);
