import { describeQuoteConflicts } from '../suites/quote-conflicts.suite.js';
import { openPgStorage, usePgStorage } from './pg-storage.js';

usePgStorage();
describeQuoteConflicts(openPgStorage);
