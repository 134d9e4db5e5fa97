import { describeReviewVisibility } from '../suites/review-visibility.suite.js';
import { openPgStorage, TARGET, usePgStorage } from './pg-storage.js';

usePgStorage();
describeReviewVisibility(openPgStorage, `PostgreSQL (${TARGET})`);
