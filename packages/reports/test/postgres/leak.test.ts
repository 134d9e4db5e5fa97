import { describeLeakSuite } from '../suites/leak.suite.js';
import { openPgStorage, TARGET, usePgStorage } from './pg-storage.js';

usePgStorage();
describeLeakSuite(openPgStorage, `PostgreSQL (${TARGET})`);
