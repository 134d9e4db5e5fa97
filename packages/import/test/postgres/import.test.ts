import { describeImport } from '../suites/import.suite.js';
import { openPgStorage, usePgStorage } from './pg-storage.js';

usePgStorage();
describeImport(openPgStorage);
