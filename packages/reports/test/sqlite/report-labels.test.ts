import { sqliteStorage } from '@gongfu/storage-sqlite';
import { describeReportLabels } from '../suites/report-labels.suite.js';

describeReportLabels(() => sqliteStorage({ filename: ':memory:' }));
