import { describeQuotas } from '../suites/quotas.suite.js';
import { openPgStorage, usePgStorage } from './pg-storage.js';

usePgStorage();
describeQuotas(openPgStorage);
