import { describeReportLabels } from '../suites/report-labels.suite.js';
import { openPgStorage, usePgStorage } from './pg-storage.js';

usePgStorage();
describeReportLabels(openPgStorage);
