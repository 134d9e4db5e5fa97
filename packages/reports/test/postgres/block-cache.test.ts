import { describeBlockCache } from '../suites/block-cache.suite.js';
import { openPgStorage, usePgStorage } from './pg-storage.js';

usePgStorage();
describeBlockCache(openPgStorage);
