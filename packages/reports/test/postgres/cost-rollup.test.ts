import { describeCostRollups } from '../suites/cost-rollup.suite.js';
import { openPgStorage, usePgStorage } from './pg-storage.js';

usePgStorage();
describeCostRollups(openPgStorage);
