import { describeStoredCheck } from '../suites/stored-check.suite.js';
import { openPgStorage, usePgStorage } from './pg-storage.js';

usePgStorage();
describeStoredCheck(openPgStorage);
